export * from './csv-records.js';
export * from './menu-commands.js';
export * from './menu-csv.js';
export * from './menu-plan.js';
export * from './same-name.js';
