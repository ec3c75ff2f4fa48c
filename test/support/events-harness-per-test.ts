import { EventsHarness } from './events-harness';
import { admin, operator, type TestCaller } from './tokens';

/**
 * The prologue of the events staff suites: a fresh harness for every test (handed to `use`,
 * stopped after the test), and the operator and admin who act in them.
 */
export function eventsHarnessPerTest(use: (harness: EventsHarness) => void): { op: TestCaller; root: TestCaller } {
  let current: EventsHarness;
  const op = operator();
  const root = admin();
  beforeEach(async () => {
    current = await EventsHarness.create();
    use(current);
  });
  afterEach(() => current.stop());
  return { op, root };
}
