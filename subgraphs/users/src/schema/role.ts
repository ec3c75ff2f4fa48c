import { registerEnumType } from 'type-graphql';
import { Role } from '@platform/shared';

registerEnumType(Role, { name: 'Role', description: 'What a person may do; a person may hold several.' });

export { Role };
