/**
 * The test eID provider (test mode only). It stands in for an eID-Server (TR-03130) and answers with
 * the data of Mustermann test identities at level hoch: the German minimum data set of TR-03160-1
 * §2.2 (Familienname, Vornamen, Geburtsname, Geburtsdatum, Geburtsort, Anschrift) plus a
 * service-specific pseudonym (DKK). Values follow the specimen ID card "ERIKA MUSTERMANN"; Vornamen
 * "ERIKA MARIA" as in TR-03160-1 Table 5.
 */
import { createHash } from 'node:crypto';

/** What an eID read-out delivers. */
export interface EidResult {
  /** Service- and card-specific pseudonym (dienste- und kartenspezifisches Kennzeichen). */
  pseudonym: string;
  /** Minimum data set, attribute name → value (names as in the domain's MDS attributes). */
  attributes: Record<string, string>;
}

/** A test identity a tester can pick. */
export interface TestIdentity {
  id: string;
  description: string;
  attributes: Record<string, string>;
}

/** The built-in Mustermann identities. */
export const TEST_IDENTITIES: readonly TestIdentity[] = [
  {
    id: 'erika',
    description: 'Erika Mustermann, geb. Gabler (TR-03160-1 Tables 3–5)',
    attributes: {
      familyName: 'MUSTERMANN',
      givenNames: 'ERIKA MARIA',
      birthName: 'GABLER',
      dateOfBirth: '1964-08-12',
      placeOfBirth: 'BERLIN',
      address: 'HEIDESTRASSE 17, 51147 KÖLN',
    },
  },
  {
    id: 'max',
    description: 'Max Mustermann',
    attributes: {
      familyName: 'MUSTERMANN',
      givenNames: 'MAX',
      birthName: 'MUSTERMANN',
      dateOfBirth: '1970-01-01',
      placeOfBirth: 'HAMBURG',
      address: 'MUSTERWEG 1, 20095 HAMBURG',
    },
  },
];

/**
 * Reads the "card" of a test identity. Returns undefined for an unknown id. `rename` maps the
 * provider's names to the domain's attribute names when they differ.
 */
export function readTestEid(
  identityId: string,
  rename: (name: string) => string = (n) => n,
): EidResult | undefined {
  const id = TEST_IDENTITIES.find((t) => t.id === identityId);
  if (!id) return undefined;
  return {
    pseudonym: createHash('sha256').update(`faktor-test-eid\0${id.id}`).digest('base64url'),
    attributes: Object.fromEntries(Object.entries(id.attributes).map(([k, v]) => [rename(k), v])),
  };
}
