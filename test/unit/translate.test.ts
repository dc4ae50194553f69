import { expect } from '@open-wc/testing';
import { translate, translator } from '../../src/modules/i18n/translate.js';
import { ut } from '../../src/modules/uploads/upload-texts.js';
import { t } from '../../src/modules/i18n/ui-texts.js';

describe('translator', () => {
  it('says "Bis zu 1 Datei." and "Up to 1 file." (plural rules, not "1 Dateien")', () => {
    expect(ut('de', 'count', { max: 1 })).to.equal('Bis zu 1 Datei.');
    expect(ut('de', 'count', { max: 3 })).to.equal('Bis zu 3 Dateien.');
    expect(ut('en', 'count', { max: 1 })).to.equal('Up to 1 file.');
    expect(ut('en', 'count', { max: 5 })).to.equal('Up to 5 files.');
    expect(ut('de', 'refusedCount', { name: 'a.pdf', max: 1 })).to.equal(
      'Die Datei a.pdf wurde nicht hinzugefügt: Sie können höchstens 1 Datei anhängen.',
    );
  });

  it('leaves a parameter that was not given visible, the same in every table', () => {
    expect(t('de', 'draftRestored')).to.contain('{date}');
    expect(ut('de', 'removed')).to.equal('{name} wurde entfernt.');
    expect(translate('en', 'Hello {who}', { other: 1 })).to.equal('Hello {who}');
  });

  it('falls back to German for a text missing in English', () => {
    const tr = translator({
      de: { a: 'Eins', b: { by: 'n', one: '{n} Hund', other: '{n} Hunde' } },
      en: { b: { by: 'n', one: '{n} dog', other: '{n} dogs' } },
    });
    expect(tr('en', 'a')).to.equal('Eins');
    expect(tr('en', 'b', { n: 2 })).to.equal('2 dogs');
    expect(tr('de', 'b', { n: 1 })).to.equal('1 Hund');
  });
});
