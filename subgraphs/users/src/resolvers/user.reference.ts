import type { UsersContext } from '../context';

/** Federation: other subgraphs reference User by id; batched through the request's loader. */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }, context: UsersContext) => context.userById.load(reference.id),
  },
};
