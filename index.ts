export * from './channels/index.ts';
export * from './core/index.ts';
export * from './engine/index.ts';
export * from './skills/index.ts';
