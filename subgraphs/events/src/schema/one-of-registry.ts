import { Field, InputType } from 'type-graphql';
import { pickOne } from './one-of';

/** What a registry needs of each member: its class (whose name is the stored `kind`) and its input field. */
interface RegistryMember {
  type: new () => { kind: string };
  inputField: string;
}

/**
 * The part the challenge and reward registries share: a one-of GraphQL input with one
 * nullable field per member, and the lookups from a stored `kind` or a set input field back
 * to the member. Each registry keeps its own types and rules.
 */
export function oneOfRegistry<D extends RegistryMember>(
  name: string,
  description: string,
  members: readonly D[],
  /** The error message for a stored kind this build does not know. */
  unknownKind: (kind: string) => string,
) {
  class OneOfInput {}
  InputType(name, { description })(OneOfInput);
  for (const member of members) {
    Field(() => member.type, { nullable: true })(OneOfInput.prototype, member.inputField);
  }
  const byInputField = new Map(members.map((member) => [member.inputField, member]));
  const byKind = new Map(members.map((member) => [member.type.name, member]));
  return {
    inputType: OneOfInput,
    /**
     * The member of a stored kind. A kind this build does not know fails loudly: it must never
     * be evaluated or credited as another kind.
     */
    memberOf(kind: string): D {
      const member = byKind.get(kind);
      if (!member) throw new Error(unknownKind(kind));
      return member;
    },
    /** The member whose field is the one set (else BAD_USER_INPUT), and its value tagged with its kind. */
    pick(input: object, path: string): { member: D; field: string; value: { kind: string } } {
      const { field, value } = pickOne(input, [...byInputField.keys()], path);
      const member = byInputField.get(field) as D;
      return { member, field, value: { ...value, kind: member.type.name } };
    },
  };
}
