/**
 * profile:ui — where the main-thread time of bench:ui's seconds goes. Same setup as scripts/bench-ui.ts
 * (built renderer, 1,000 TOTP accounts with a 15 s period, real harness, real time), but records a CDP
 * trace of one full period and breaks each second's main-thread time down: renderer JS (by script),
 * the harness transport (Playwright's binding glue, which Electron does not have), style, layout,
 * paint/compositing, GC, other. The trace itself costs time, so the totals here are a breakdown, not the
 * benchmark numbers (those come from bench:ui, untraced).
 * Run: npm run build && bash scripts/with-test-keyring.sh tsx scripts/profile-ui.ts [trace.json]
 */
import { writeFile } from 'node:fs/promises';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { startHarness } from '../test/harness/harness';
import { createBenchVault, PERIOD_S, removeBenchVault, type BenchVault } from './bench-ui-setup';
import { CHROMIUM_LAUNCH } from '../test/support/chromium';
import { median } from '../bench/stats';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const TRACE_S = PERIOD_S + 1;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

/** Category of a trace event for the breakdown (null = not a leaf category; its time is "other"). */
function bucketOf(e: TraceEvent): string | null {
  switch (e.name) {
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
    case 'ParseAuthorStyleSheet':
      return 'style';
    case 'Layout':
    case 'UpdateLayerTree':
    case 'IntersectionObserverController::computeIntersections':
      return 'layout';
    case 'Paint':
    case 'PrePaint':
    case 'PaintImage':
    case 'Layerize':
    case 'CompositeLayers':
    case 'Commit':
    case 'UpdateLayer':
    case 'RasterTask':
    case 'Decode Image':
      return 'paint+composite';
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
    case 'V8.GCScavenger':
    case 'V8.GCIncrementalMarking':
    case 'V8.GCFinalizeMC':
    case 'BlinkGC.AtomicPhase':
    case 'BlinkGC.IncrementalMarkingStep':
    case 'ThreadState::performIdleLazySweep':
      return 'gc';
    // The reply of a binding call arrives as a CDP Runtime.evaluate (Playwright's result delivery): harness-only.
    // Its JS continuation (the app's await) is a child and keeps its own category.
    case 'Receive mojo message':
      return 'harness transport (reply delivery)';
    case 'v8.compile':
    case 'V8.CompileCode':
    case 'v8.parseOnBackground':
      return 'compile';
    default:
      return null;
  }
}

/** Script attribution of JS time: the app's bundle, Playwright's injected glue, or other. */
function scriptOf(e: TraceEvent): string | null {
  const data = e.args?.data ?? e.args?.beginData;
  if (!data) return null;
  if (
    e.name === 'FunctionCall' ||
    e.name === 'EvaluateScript' ||
    e.name === 'v8.callFunction' ||
    e.name === 'TimerFire' ||
    e.name === 'FireAnimationFrame'
  ) {
    const url = typeof data.url === 'string' ? data.url : '';
    const fn = typeof data.functionName === 'string' ? data.functionName : '';
    if (url.includes('/assets/index-')) return 'js: app bundle';
    if (url === '' && fn === '') return null;
    return `js: ${url ? url.replace(/^.*\//, '') : '(no url)'}${fn ? ' ' + fn : ''}`;
  }
  return null;
}

async function main(): Promise<void> {
  const outFile = process.argv[2];
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  let vault: BenchVault | undefined;
  try {
    vault = await createBenchVault(browser, 'profile', ACCOUNTS);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const harness = await startHarness(page, {
      pinnedTime: null,
      dataDir: vault.dataDir,
      keychainService: vault.keychainService,
    });
    await page.waitForFunction(
      () =>
        document.querySelector('[role="timer"]')?.textContent !== '' &&
        document.querySelector('[role="timer"]') !== null,
      null,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(3000);
    const { events, syncWall } = await recordTrace(context, page, outFile);
    await harness.close();
    await context.close();
    if (outFile) await writeFile(outFile, JSON.stringify({ traceEvents: events }));
    printSeconds(breakdown(events, syncWall));
  } finally {
    await browser.close();
    if (vault) await removeBenchVault(vault);
  }
}

/** Traces TRACE_S seconds of the page (and, with PROFILE_CPU=1, a CPU profile next to `outFile`). */
async function recordTrace(
  context: BrowserContext,
  page: Page,
  outFile: string | undefined,
): Promise<{ events: TraceEvent[]; syncWall: number }> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (m) => events.push(...(m.value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'v8',
        'blink.user_timing',
        'toplevel',
        'blink',
        'cc',
        'gpu',
      ],
      excludedCategories: ['*'],
    },
  });
  const cpuProfile = process.env.PROFILE_CPU === '1';
  if (cpuProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  // A sync point between the page's wall clock and the trace clock.
  const syncWall = await page.evaluate(() => {
    const w = Date.now();
    performance.mark('faktor:profile-sync', { startTime: performance.now() });
    return w;
  });
  await page.waitForTimeout(TRACE_S * 1000);
  await cdp.send('Tracing.end');
  await done;
  if (cpuProfile) {
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: {
        nodes: {
          id: number;
          callFrame: { functionName: string; url: string; lineNumber: number };
          children?: number[];
        }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    await writeFile(
      outFile ? outFile.replace(/\.json$/, '') + '.cpuprofile' : 'profile.cpuprofile',
      JSON.stringify(profile),
    );
  }
  return { events, syncWall };
}

/** Main-thread self time per second and bucket (µs), and the top-level time per second. */
interface Breakdown {
  readonly perSecond: Map<number, Map<string, number>>;
  readonly topPerSecond: Map<number, number>;
}

/** Self time per event (duration minus nested children), attributed to the nearest categorised ancestor. */
function breakdown(events: TraceEvent[], syncWall: number): Breakdown {
  const sync = events.find((e) => e.name === 'faktor:profile-sync');
  if (!sync) throw new Error('no sync mark in trace');
  const mainTid =
    events.find(
      (e) => e.name === 'thread_name' && e.pid === sync.pid && e.args?.name === 'CrRendererMain',
    )?.tid ?? sync.tid;
  const wallOf = (ts: number) => syncWall + (ts - sync.ts) / 1000;
  const mine = events.filter(
    (e) => e.pid === sync.pid && e.tid === mainTid && e.ph === 'X' && typeof e.dur === 'number',
  );
  mine.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

  type Node = { e: TraceEvent; end: number; bucket: string | null; childDur: number };
  const stack: Node[] = [];
  const perSecond = new Map<number, Map<string, number>>();
  const topPerSecond = new Map<number, number>();
  const add = (sec: number, bucket: string, us: number) => {
    const m = perSecond.get(sec) ?? new Map<string, number>();
    m.set(bucket, (m.get(bucket) ?? 0) + us);
    perSecond.set(sec, m);
  };
  // Seconds as bench:ui samples them: [k s + 300 ms, (k+1) s + 300 ms).
  const secOf = (ts: number) => Math.floor((wallOf(ts) - 300) / 1000);
  const close = (n: Node) => {
    const inherited = [...stack].reverse().find((s) => s.bucket !== null)?.bucket ?? 'other';
    const bucket = n.bucket ?? inherited;
    add(secOf(n.e.ts), bucket, n.e.dur! - n.childDur);
  };
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) close(stack.pop()!);
    const parent = stack[stack.length - 1];
    if (parent) parent.childDur += e.dur!;
    else topPerSecond.set(secOf(e.ts), (topPerSecond.get(secOf(e.ts)) ?? 0) + e.dur!);
    stack.push({ e, end: e.ts + e.dur!, bucket: bucketOf(e) ?? scriptOf(e), childDur: 0 });
  }
  while (stack.length) close(stack.pop()!);

  return { perSecond, topPerSecond };
}

/** Prints the ordinary-tick medians, then one line per second (REFRESH = a period boundary in it). */
function printSeconds({ perSecond, topPerSecond }: Breakdown): void {
  const isBoundary = (sec: number) =>
    Math.floor((sec * 1000 + 300) / (PERIOD_S * 1000)) !==
    Math.floor((sec * 1000 + 1300) / (PERIOD_S * 1000));
  const sumOf = (sec: number) =>
    [...(perSecond.get(sec)?.values() ?? [])].reduce((a, b) => a + b, 0) / 1000;
  const med = (xs: number[]) => (xs.length ? median(xs) : NaN);
  const allSecs = [...perSecond.keys()].sort((a, b) => a - b).slice(1, -1);
  const tickSecs = allSecs.filter((sec) => !isBoundary(sec));
  const buckets = [...new Set([...perSecond.values()].flatMap((m) => [...m.keys()]))];
  const medianOf = (secs: number[], b: string) =>
    med(secs.map((sec) => (perSecond.get(sec)?.get(b) ?? 0) / 1000));
  console.log(
    `ordinary tick (median of ${tickSecs.length}): ${med(tickSecs.map(sumOf)).toFixed(1)} ms; per bucket medians: ` +
      buckets.map((b) => `${b} ${medianOf(tickSecs, b).toFixed(2)}`).join(', '),
  );
  const secs = [...perSecond.keys()].sort((a, b) => a - b).slice(1, -1);
  for (const sec of secs) {
    const m = perSecond.get(sec)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const parts = [...m.entries()].sort((a, b) => b[1] - a[1]).filter(([, us]) => us >= 50);
    console.log(
      `${isBoundary(sec) ? 'REFRESH' : 'tick   '} ${new Date(sec * 1000 + 300).toISOString().slice(17, 23)} total ${(total / 1000).toFixed(1)} ms (top-level ${((topPerSecond.get(sec) ?? 0) / 1000).toFixed(1)}): ` +
        parts.map(([b, us]) => `${b} ${(us / 1000).toFixed(2)}`).join(', '),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
