// Screenshot of the <ozg-form> on a page, for people to look at:
//   node scripts/screenshot.mjs http://127.0.0.1:8080/hundesteuer.html /tmp/form.png 320 [clicks on "Weiter"]
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../test/browser-launch.mjs';
const [, , url, out, width = '1280', clicks = '0'] = process.argv;
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1200);
for (let i = 0; i < Number(clicks); i++) {
  await page.locator('ozg-form button.primary').click();
  await page.waitForTimeout(400);
}
const form = page.locator('ozg-form');
await form.screenshot({ path: out });
await browser.close();
