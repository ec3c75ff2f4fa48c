/** Federation: User is owned by users; here a reference is only its id, for the fields events adds. */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
