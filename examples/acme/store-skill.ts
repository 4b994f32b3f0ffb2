import { defineSkill } from '../../skills/define-skill.ts';
import type { FlowState } from '../../skills/flow-state.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
import { acmeExamplesEs } from './acme-examples-es.ts';
import type { AcmeStore } from './acme-data.ts';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Monday–Saturday 9:00–21:00, Sunday 10:00–18:00": consecutive days with the same hours grouped. */
export function weeklyHours(store: AcmeStore): string {
  const groups: Array<{ from: string; to: string; hours: string }> = [];
  for (const day of days) {
    const hours = store.hours[day] ?? 'closed';
    const last = groups.at(-1);
    if (last && last.hours === hours) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  return groups
    .map((g) => `${capital(g.from)}${g.to === g.from ? '' : `–${capital(g.to)}`} ${g.hours}`)
    .join(', ');
}

const daysEs: Record<(typeof days)[number], string> = {
  monday: 'lunes',
  tuesday: 'martes',
  wednesday: 'miércoles',
  thursday: 'jueves',
  friday: 'viernes',
  saturday: 'sábado',
  sunday: 'domingo',
};

/** "lunes–sábado 9:00–21:00, domingo 10:00–18:00": {@link weeklyHours} in Spanish. */
export function weeklyHoursEs(store: AcmeStore): string {
  const groups: Array<{ from: string; to: string; hours: string }> = [];
  for (const day of days) {
    const hours = store.hours[day] ?? 'closed';
    const last = groups.at(-1);
    if (last && last.hours === hours) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  const name = (day: string) => daysEs[day as (typeof days)[number]] ?? day;
  return groups
    .map((g) => `${name(g.from)}${g.to === g.from ? '' : `–${name(g.to)}`} ${g.hours === 'closed' ? 'cerrado' : g.hours}`)
    .join(', ');
}

/** The `store_hours` and `store_location` intents, answered from the demo's store file. */
export function createStoreSkill(stores: readonly AcmeStore[]): SkillDefinition {
  const main = stores.find((s) => s.main) ?? stores[0];
  if (!main) throw new TypeError('the store data needs at least one store');
  const storeOf = (state: FlowState) => stores.find((s) => s.city === state.slots.city) ?? main;
  const others = (store: AcmeStore) => stores.filter((s) => s !== store).map((s) => s.city).join(', ');
  return defineSkill({
    name: 'store',
    intents: {
      store_hours: { examples: acmeExamples.store_hours, title: 'Opening hours' },
      store_location: { examples: acmeExamples.store_location, title: 'Find a store' },
    },
    entities: {
      city: { kind: 'lookup', values: Object.fromEntries(stores.map((s) => [s.city, s.aliases])) },
      // Day names in English and Spanish, abbreviations, typos, and relative days ("tomorrow", "mañana") read
      // against the turn's time and the bot's time zone; the value is the English day name.
      day: { kind: 'weekday' },
    },
    locales: {
      es: {
        intents: {
          store_hours: { examples: acmeExamplesEs.store_hours, title: 'Horario' },
          store_location: { examples: acmeExamplesEs.store_location, title: 'Buscar una tienda' },
        },
        flows: {
          store_hours: {
            description: 'consultar el horario',
            slots: { city: { prompt: '¿En qué ciudad?' }, day: { prompt: '¿Qué día?' } },
            steps: [
              {
                respond: (s) => {
                  const store = storeOf(s);
                  const day = typeof s.slots.day === 'string' ? s.slots.day : undefined;
                  if (!day) return `Nuestra tienda de ${store.city} abre: ${weeklyHoursEs(store)}.`;
                  const hours = store.hours[day] ?? 'closed';
                  const name = daysEs[day as (typeof days)[number]] ?? day;
                  return hours === 'closed' ? `Nuestra tienda de ${store.city} cierra los ${name}.` : `El ${name} nuestra tienda de ${store.city} abre de ${hours}.`;
                },
              },
            ],
          },
          store_location: {
            description: 'buscar una tienda',
            slots: { city: { prompt: '¿En qué ciudad?' } },
            steps: [
              {
                respond: (s) => {
                  const store = storeOf(s);
                  const intro = s.slots.city ? `Nuestra tienda de ${store.city}` : `Nuestra tienda principal, en ${store.city},`;
                  return `${intro} está en ${store.address} (teléfono ${store.phone}). También tenemos tiendas en ${others(store)}.`;
                },
              },
            ],
          },
        },
      },
    },
    flows: {
      store_hours: {
        description: 'opening hours',
        slots: { city: { entity: 'city', prompt: 'Which city?' }, day: { entity: 'day', prompt: 'Which day?' } },
        steps: [
          {
            respond: (s) => {
              const store = storeOf(s);
              const day = typeof s.slots.day === 'string' ? s.slots.day : undefined;
              if (!day) return `Our ${store.city} store is open ${weeklyHours(store)}.`;
              const hours = store.hours[day] ?? 'closed';
              return hours === 'closed'
                ? `Our ${store.city} store is closed on ${capital(day)}s.`
                : `On ${capital(day)} our ${store.city} store is open ${hours}.`;
            },
          },
        ],
      },
      store_location: {
        description: 'finding a store',
        slots: { city: { entity: 'city', prompt: 'Which city?' } },
        steps: [
          {
            respond: (s) => {
              const store = storeOf(s);
              const directions = store.directions ? ` ${store.directions}` : '';
              const intro = s.slots.city ? `Our ${store.city} store` : `Our main store, in ${store.city},`;
              return `${intro} is at ${store.address} (phone ${store.phone}).${directions} We also have stores in ${others(store)}.`;
            },
          },
        ],
      },
    },
  });
}
