import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
const [,, url, out, width = '1280', actions = ''] = process.argv;
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1500);
if (actions.includes('next')) { await page.locator('ozg-form').locator('button.primary').click(); await page.waitForTimeout(500); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
