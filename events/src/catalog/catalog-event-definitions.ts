import type { EventDefinition } from '../event-registry.js';
import { itemEventDefinitions } from './item.events.js';
import { taxCategoryEventDefinitions } from './tax-category.events.js';

/** Every event of the catalog's two stream kinds, for the event registry. */
export const catalogEventDefinitions: EventDefinition[] = [...taxCategoryEventDefinitions, ...itemEventDefinitions];
