import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { ClaimsPage } from './claims/ClaimsPage';
import { Loading } from './components/states';
import { EventEditorPage } from './events/EventEditorPage';
import { EventLivePage } from './events/EventLivePage';
import { EventsPage } from './events/EventsPage';
import { useAuth } from './session/auth';
import { SignIn } from './session/SignIn';
import { UserPage } from './users/UserPage';
import { UsersPage } from './users/UsersPage';

export function App() {
  const { user, screens, restoring, signOut } = useAuth();
  if (restoring) return <Loading what="your session" />;
  if (!user) return <SignIn />;
  if (!screens.viewEvents) {
    return (
      <main className="staff-only">
        <h1>Reward platform dashboard</h1>
        <p role="alert">
          The dashboard is for staff (operators, auditors and admins). Your account, {user.username}, is a player account. Use the game
          to see your events and rewards.
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </main>
    );
  }
  return (
    <div className="layout">
      <header>
        <span className="brand">Reward platform</span>
        <nav aria-label="Main">
          <NavLink to="/events">Events</NavLink>
          {screens.auditClaims && <NavLink to="/claims">Claims</NavLink>}
          {screens.findUsers && <NavLink to="/users">Users</NavLink>}
        </nav>
        <span className="who">
          {user.username} · {user.roles.filter((role) => role !== 'USER').join(', ')}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Navigate to="/events" replace />} />
          <Route path="/events" element={<EventsPage />} />
          {screens.manageEvents && <Route path="/events/new" element={<EventEditorPage mode="create" />} />}
          {screens.manageEvents && <Route path="/events/:id/edit" element={<EventEditorPage mode="edit" />} />}
          {screens.manageEvents && <Route path="/events/:id/duplicate" element={<EventEditorPage mode="duplicate" />} />}
          <Route path="/events/:id" element={<EventLivePage />} />
          {screens.auditClaims && <Route path="/claims" element={<ClaimsPage />} />}
          {screens.findUsers && <Route path="/users" element={<UsersPage />} />}
          <Route path="/users/:id" element={<UserPage />} />
          <Route path="*" element={<p className="state">There is no such page. Use the menu above.</p>} />
        </Routes>
      </main>
    </div>
  );
}
