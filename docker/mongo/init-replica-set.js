// Initiates the MongoDB replica set once, then waits for a primary. Safe to run on every
// `docker compose up`: an already initiated set is left as it is.
//
// Run by the one-shot `mongo-init` service in docker-compose.yml:
//   mongosh --host mongo1:27017 --quiet --file /docker/mongo/init-replica-set.js
// with REPLICA_SET_NAME (rs0) and REPLICA_SET_MEMBERS (mongo1:27017,mongo2:27017,...)
// in its environment. Member host names are the compose service names, so every
// container (and the driver in users/events) can reach each member by that name.

const setName = process.env.REPLICA_SET_NAME || 'rs0';
const hosts = (process.env.REPLICA_SET_MEMBERS || '')
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);
if (hosts.length === 0) throw new Error('REPLICA_SET_MEMBERS is empty');

function currentStatus() {
  try {
    return rs.status();
  } catch (error) {
    // 94 NotYetInitialized: a fresh member that has never seen a replica set config.
    if (error.code === 94 || error.codeName === 'NotYetInitialized') return null;
    throw error;
  }
}

if (currentStatus() === null) {
  const config = {
    _id: setName,
    // The first member is preferred as primary; all are electable.
    members: hosts.map((host, index) => ({ _id: index, host, priority: index === 0 ? 2 : 1 })),
  };
  const result = rs.initiate(config);
  if (result.ok !== 1) throw new Error(`rs.initiate failed: ${JSON.stringify(result)}`);
  print(`replica set ${setName} initiated with ${hosts.join(', ')}`);
} else {
  print(`replica set ${setName} already initiated`);
}

// Transactions need a primary, and the services start right after this exits.
const deadline = Date.now() + 120000;
for (;;) {
  const status = currentStatus();
  const members = status ? status.members : [];
  const primary = members.find((member) => member.stateStr === 'PRIMARY');
  const states = members.map((member) => `${member.name} ${member.stateStr}`).join(', ');
  if (primary) {
    print(`replica set ${setName} ready: ${states}`);
    break;
  }
  if (Date.now() > deadline) throw new Error(`replica set ${setName} has no primary after 120 s: ${states}`);
  sleep(1000);
}
