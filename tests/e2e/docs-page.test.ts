import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../shared/routes/index.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('docs');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the API reference page', () => {
  it('renders offline in a real browser and lists the routes', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('requestfailed', (request) => failures.push(request.url()));
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${twin().url}/docs`);
    await page.getByText(routeTable[0]!.summary).first().waitFor({ timeout: 15_000 });
    const text = await page.locator('body').innerText();
    for (const route of routeTable) expect(text).toContain(route.path);
    expect(failures).toEqual([]);
  });
});
