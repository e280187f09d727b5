/**
 * Renderer components import their stylesheet for Vite (`import './x.css'`); tests that render such a
 * component with react-dom/server are type-checked by tsconfig.node.json, which has no `vite/client`
 * types, so this tells TypeScript a side-effect CSS import is fine there too (vitest handles the file).
 */
declare module '*.css';
