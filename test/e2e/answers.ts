/**
 * A complete, valid set of answers per demo form (demo/forms/<name>.json), choosing the answers that
 * bring up conditional questions, so every kind of question is shown somewhere on the way.
 * Used by the layout journeys (Playwright) and the accessibility checks (web-test-runner).
 */
export const ANSWERS: Record<'hundesteuer' | 'anwohnerparken' | 'sondernutzung', Record<string, unknown>> = {
  hundesteuer: {
    halter: { vorname: 'Erika', nachname: 'Mustermann', geburtsdatum: '1990-05-05' },
    anschrift: { strasse: 'Hauptstraße', hausnummer: '12a', plz: '12345', ort: 'Musterstadt' },
    kontakt: { email: 'erika@example.org', telefon: '0123 456789' },
    hunde: [
      {
        name: 'Bello',
        rasse: 'andere',
        rasseAndere: 'Eurasier',
        geburtsdatum: '2020-03-03',
        haltungSeit: '2021-04-04',
        gewicht: 12.5,
        chipnummer: '276098100123456',
        listenhund: 'ja',
        wesenspruefungAm: '2021-06-01',
        nachweise: ['haftpflicht', 'chip'],
      },
    ],
    ermaessigung: {
      beantragt: 'ja',
      grund: 'rettungshund',
      nachweisHinweis: 'Prüfungszeugnis der Rettungshundestaffel',
    },
    zahlung: {
      zahlungsweise: 'lastschrift',
      iban: 'DE89 3704 0044 0532 0130 00',
      kontoinhaber: 'Erika Mustermann',
      mandat: true,
    },
    bemerkungen: 'Die Steuermarke bitte an die Anschrift oben.',
    bestaetigung: true,
  },
  anwohnerparken: {
    antragsteller: {
      vorname: 'Max',
      nachname: 'Mustermann',
      geburtsdatum: '1985-07-07',
      email: 'max@example.org',
      telefon: '0123 456789',
    },
    anschrift: { strasse: 'Lindenallee', hausnummer: '7', plz: '12345', ort: 'Musterstadt' },
    wohnsitz: {
      parkzone: 'B',
      meldestatus: 'haupt',
      stellplatz: 'ja',
      stellplatzBegruendung: 'Der Stellplatz ist an meine Nachbarin vermietet.',
    },
    fahrzeuge: [
      {
        kennzeichen: 'M-AB 123',
        marke: 'VW Golf',
        gesamtmasse: 1400,
        merkmale: ['elektro'],
        nutzung: 'firmenwagen',
        halter: 'Muster GmbH',
        arbeitgeber: 'Muster GmbH',
        arbeitgeberBestaetigung: true,
      },
    ],
    parkausweis: {
      antragsart: 'verlaengerung',
      laufzeit: 12,
      beginn: '2030-01-01',
      bisherigeNummer: 'B-12345',
      rueckgabe: true,
    },
    bestaetigung: true,
  },
  sondernutzung: {
    antragsteller: {
      art: 'firma',
      firmenname: 'Muster Bau GmbH',
      ansprechperson: 'Erika Mustermann',
      email: 'info@muster-bau.example.org',
      telefon: '0123 456789',
    },
    anschrift: { strasse: 'Gewerbering', hausnummer: '3', plz: '12345', ort: 'Musterstadt' },
    nutzung: { arten: ['bau'], zweck: 'Gerüst für Arbeiten an der Fassade' },
    ort: {
      strasse: 'Marktplatz',
      hausnummer: '1',
      plz: '12345',
      stadtteil: 'altstadt',
      flaechenart: 'fahrbahn',
      verkehrsregelung: 'Halbseitige Sperrung mit Baustellenampel',
    },
    zeitraum: { von: '2030-03-01', bis: '2030-03-31', tage: 31, uhrzeitVon: '07:00', uhrzeitBis: '18:00' },
    flaeche: 12.5,
    objekte: [{ art: 'geruest', laenge: 10, breite: 1.5 }],
    bemerkungen: 'Die Zufahrt zu den Geschäften bleibt frei.',
    bestaetigung: true,
  },
};

export type DemoForm = keyof typeof ANSWERS;
export const DEMO_FORMS = Object.keys(ANSWERS) as DemoForm[];

/** Step 1 of the Hundesteuer form as a person types it: question label -> answer. */
export const HUNDESTEUER_STEP_1 = {
  Vorname: 'Erika',
  Nachname: 'Mustermann',
  Geburtsdatum: '1990-05-05',
  Straße: 'Hauptstraße',
  Hausnummer: '12a',
  Postleitzahl: '12345',
  Ort: 'Musterstadt',
  'E-Mail-Adresse': 'erika@example.org',
} as const;
