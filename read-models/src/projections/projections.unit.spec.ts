import { describe, expect, it } from 'vitest';
import { ProjectedEvent } from '../decode.js';
import { memoryContext } from '../memory-context.js';
import { readModelTables } from '../tables.js';
import { fold } from '../testing/fold.js';
import { wholeDay } from '../testing/whole-day.js';
import { projections } from './index.js';

const all = Object.values(projections);
const projectedTypes = ProjectedEvent.options.map((option) => option.shape.type.value);

describe('the projections', () => {
  it('write every read-model table, each table from exactly one projection', () => {
    const written = all.flatMap((projection) => projection.tables).sort();
    expect(written).toEqual(readModelTables.map((table) => table.name).sort());
  });

  it('are listed under their own names', () => {
    for (const [name, projection] of Object.entries(projections)) expect(projection.name).toBe(name);
  });

  it('read between them every event type that is decoded', () => {
    expect(new Set(all.flatMap((projection) => projection.eventTypes))).toEqual(new Set(projectedTypes));
  });

  it('a day covers every projected event type, so the specs below see them all', () => {
    const types = new Set(wholeDay().events.map((event) => event.type));
    for (const type of projectedTypes) expect(types).toContain(type);
  });

  describe('given a whole day of events', () => {
    const { events } = wholeDay();
    const context = memoryContext(events);

    it('change nothing for an event type they do not list, so a projector may filter by the list', () => {
      for (const projection of all) {
        for (const event of events.filter((candidate) => !projection.eventTypes.includes(candidate.type as never))) {
          expect(projection.project(event, context)).toEqual([]);
        }
      }
    });

    it('write only the tables they declare', () => {
      for (const projection of all) {
        for (const event of events) {
          for (const change of projection.project(event, context)) expect(projection.tables).toContain(change.table);
        }
      }
    });

    it('give the same changes for the same event every time', () => {
      for (const projection of all) {
        for (const event of events) {
          expect(projection.project(JSON.parse(JSON.stringify(event)) as typeof event, context)).toEqual(
            projection.project(event, context),
          );
        }
      }
    });

    it('apply cleanly together, as the projector runs them', () => {
      const tables = fold(all, events);
      expect([...tables.keys()].sort()).toEqual(readModelTables.map((table) => table.name).sort());
    });
  });
});
