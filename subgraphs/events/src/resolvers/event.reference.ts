import type { EventsContext } from '../context';
import { canSee } from '../services/event-service';

/** Federation: Event by id, batched into one store query per request; invisible ones are null. */
export const eventReference = {
  Event: {
    __resolveReference: async (reference: { id: string }, context: EventsContext) => {
      const event = await context.eventById.load(reference.id);
      return event && canSee(context.auth.caller, event) ? event : null;
    },
  },
};
