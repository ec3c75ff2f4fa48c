import { registerEnumType } from 'type-graphql';
import { Currency, Comparison, EventStatus, ClaimStatus, ClaimPeriod, DeliveryStatus, ClaimRejectionReason } from '../enums';

export { Currency, Comparison, EventStatus, ClaimStatus, ClaimPeriod, DeliveryStatus, ClaimRejectionReason };

registerEnumType(Currency, { name: 'Currency' });
registerEnumType(Comparison, { name: 'Comparison' });
registerEnumType(EventStatus, { name: 'EventStatus', description: 'Derived from active, startsAt, endsAt and now.' });
registerEnumType(ClaimStatus, { name: 'ClaimStatus' });
registerEnumType(ClaimPeriod, { name: 'ClaimPeriod', description: "ONCE: one claim per player; DAILY/WEEKLY: one per player per local day / ISO week." });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });
registerEnumType(ClaimRejectionReason, { name: 'ClaimRejectionReason' });
