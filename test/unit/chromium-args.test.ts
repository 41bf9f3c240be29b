import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArguments } from '../../src/render/chromium-process.js';

describe('Chromium spawned by convflux', () => {
  it('gets exactly the arguments puppeteer.launch({ pipe: true }) would give it', () => {
    // If a puppeteer-core upgrade changes its defaults (tagged PDF, outline…), this fails and
    // chromiumArguments() must follow.
    const userDataDir = '/tmp/convflux-chromium-test';
    expect(chromiumArguments(userDataDir)).toEqual([
      ...puppeteer.defaultArgs({ headless: true, args: CHROMIUM_ARGS, userDataDir }),
      '--remote-debugging-pipe',
    ]);
  });
});
