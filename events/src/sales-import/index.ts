export * from './import-marker.js';
export * from './imported-order.js';
export * from './local-time.js';
export * from './sales-import.contract.js';
export * from './sales-import.events.js';
export * from './sales-import.state.js';
