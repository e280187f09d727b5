import { describe, expect, it } from 'vitest';
import {
  captureSize,
  HIDE_SETTLE_MS,
  matchSources,
  nativeSize,
  withWindowHidden,
  type HideableWindow,
} from '../../../../electron/main/services/qr-screen-plan';

const laptop = { id: 1, size: { width: 1440, height: 900 }, scaleFactor: 2, label: 'Built-in' };
const monitor = {
  id: 2,
  size: { width: 2560, height: 1440 },
  scaleFactor: 1,
  label: 'DELL U2720Q',
};

describe('screen scan plan', () => {
  it('asks for every display at native (physical) resolution', () => {
    expect(nativeSize(laptop)).toEqual({ width: 2880, height: 1800 });
    expect(captureSize([laptop, monitor])).toEqual({ width: 2880, height: 1800 });
    expect(captureSize([{ id: 3, size: { width: 1280, height: 720 }, scaleFactor: 1.5 }])).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it('caps huge walls to the decoder limits, keeping the aspect ratio', () => {
    const s = captureSize([{ id: 1, size: { width: 7680, height: 4320 }, scaleFactor: 2 }]);
    expect(s.width * s.height).toBeLessThanOrEqual(40_000_000);
    expect(Math.abs(s.width / s.height - 16 / 9)).toBeLessThan(0.01);
  });

  it('matches captures by display_id, else by order, and labels them', () => {
    const m = matchSources(
      [
        { id: 'screen:a', name: 'Screen 1', displayId: '2' },
        { id: 'screen:b', name: 'Screen 2', displayId: '' },
        { id: 'screen:c', name: 'Entire screen', displayId: '99' },
      ],
      [laptop, monitor],
    );
    expect(m.map((x) => [x.source.id, x.display?.id ?? null, x.label])).toEqual([
      ['screen:a', 2, 'DELL U2720Q'],
      ['screen:b', 1, 'Built-in'],
      ['screen:c', null, 'Entire screen'],
    ]);
  });

  function fakeWindow(state: { visible: boolean; focused: boolean; minimized?: boolean }) {
    const calls: string[] = [];
    const win: HideableWindow = {
      isVisible: () => state.visible,
      isFocused: () => state.focused,
      isMinimized: () => state.minimized ?? false,
      hide: () => calls.push('hide'),
      show: () => calls.push('show'),
      showInactive: () => calls.push('showInactive'),
      focus: () => calls.push('focus'),
    };
    return { win, calls };
  }
  const sleepLog = (calls: string[]) => async (ms: number) => void calls.push(`sleep ${ms}`);

  it('hides, waits for the compositor, captures, then restores focus', async () => {
    const { win, calls } = fakeWindow({ visible: true, focused: true });
    const r = await withWindowHidden(win, sleepLog(calls), async () => (calls.push('capture'), 42));
    expect(r).toBe(42);
    expect(calls).toEqual(['hide', `sleep ${HIDE_SETTLE_MS}`, 'capture', 'show', 'focus']);
  });

  it('restores without stealing focus, and also when the capture fails', async () => {
    const { win, calls } = fakeWindow({ visible: true, focused: false });
    await expect(
      withWindowHidden(win, sleepLog(calls), async () => Promise.reject(new Error('denied'))),
    ).rejects.toThrow('denied');
    expect(calls).toEqual(['hide', `sleep ${HIDE_SETTLE_MS}`, 'showInactive']);
  });

  it('leaves a hidden or minimised window alone', async () => {
    for (const state of [
      { visible: false, focused: false },
      { visible: true, focused: false, minimized: true },
    ]) {
      const { win, calls } = fakeWindow(state);
      await withWindowHidden(win, sleepLog(calls), async () => calls.push('capture'));
      expect(calls).toEqual(['capture']);
    }
    await withWindowHidden(
      null,
      async () => undefined,
      async () => 1,
    );
  });
});
