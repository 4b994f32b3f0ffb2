import { expectTypeOf, it } from 'vitest';
import type { EntityValue } from '../../../skills/typed-flow.ts';

// Checked by the type checker (`npm run typecheck`), which fails when a built-in kind types its slot wrongly.
it('types the slot values of built-in entities', () => {
  expectTypeOf<EntityValue<{ kind: 'date' }>>().toEqualTypeOf<string>();
  expectTypeOf<EntityValue<{ kind: 'digits'; length: { min: 5; max: 5 } }>>().toEqualTypeOf<string>();
  expectTypeOf<EntityValue<{ kind: 'learned' }>>().toEqualTypeOf<string>();
  expectTypeOf<EntityValue<{ kind: 'money' }>>().toEqualTypeOf<number>();
  expectTypeOf<EntityValue<{ kind: 'duration' }>>().toEqualTypeOf<number>();
  expectTypeOf<EntityValue<{ kind: 'lookup'; values: { monday: ['lunes'] } }>>().toEqualTypeOf<'monday'>();
});

it('types a weekday slot as the English day names', () => {
  expectTypeOf<EntityValue<{ kind: 'weekday' }>>().toEqualTypeOf<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'>();
});
