import { startFaktor } from './platform/bootstrap';

/** Main-process entry (electron-vite bundles this to out/main/index.js). */
startFaktor();
