import * as si from 'simple-icons';
import type { SimpleIcon } from 'simple-icons';

/**
 * Service icons (issue #12) from Simple Icons (CC0-1.0, bundled; no network). Only the icons named
 * here end up in the bundle (static member reads of a side-effect-free module are tree-shaken; checked in the built bundle). A row shows
 * one when its issuer names a service below, or when the account's `icon` field holds its slug.
 * The logos stay their owners' trademarks (Simple Icons' DISCLAIMER.md); they only help recognition.
 */

/** The bundled icons. */
const ICONS: readonly SimpleIcon[] = [
  si.siGithub,
  si.siGitlab,
  si.siGoogle,
  si.siApple,
  si.siDropbox,
  si.siFacebook,
  si.siX,
  si.siDiscord,
  si.siPaypal,
  si.siProton,
  si.siBitwarden,
  si.siCloudflare,
  si.siDigitalocean,
  si.siNextcloud,
  si.siMastodon,
  si.siReddit,
  si.siTwitch,
  si.siSteam,
  si.siEpicgames,
  si.siNpm,
  si.siPypi,
  si.siDocker,
  si.siAtlassian,
  si.siBitbucket,
  si.siInstagram,
  si.siCoinbase,
  si.siBinance,
  si.siOvh,
  si.siHetzner,
  si.siVercel,
  si.siNetlify,
  si.siNotion,
  si.siFigma,
  si.siZoom,
  si.siWordpress,
  si.siShopify,
  si.siStripe,
  si.siOkta,
  si.siAuth0,
  si.siDatev,
  si.siSparkasse,
  si.siN26,
  si.siIonos,
  si.siPostman,
  si.siJetbrains,
  si.siMozilla,
  si.siLastpass,
  si.siKeeper,
  si.siUbuntu,
  si.siVultr,
  si.siNamecheap,
  si.siGodaddy,
  si.siMailchimp,
  si.siAsana,
  si.siTrello,
  si.siJira,
  si.siSentry,
  si.siAnthropic,
  si.siPlaystation,
  si.siUbisoft,
  si.siEa,
  si.siRoblox,
  si.siRevolut,
  si.siWise,
  si.siKlarna,
  si.siEbay,
  si.siEtsy,
  si.siAirbnb,
  si.siUber,
  si.siDeutschebahn,
  si.siHuggingface,
  si.siCodeberg,
  si.siGitea,
  si.siSourcehut,
];

/** Issuer spellings that differ from the icon's slug. */
const ALIASES: Readonly<Record<string, string>> = {
  twitter: 'x',
  protonmail: 'proton',
  protonme: 'proton',
  bahn: 'deutschebahn',
  electronicarts: 'ea',
  psn: 'playstation',
  playstationnetwork: 'playstation',
  hf: 'huggingface',
  wordpresscom: 'wordpress',
  pypiorg: 'pypi',
  npmjs: 'npm',
};

const BY_SLUG: ReadonlyMap<string, SimpleIcon> = new Map(ICONS.map((i) => [i.slug, i]));

/** Lower-case ASCII letters and digits only ("GitHub, Inc." → "githubinc"; accents folded). */
export function normaliseIssuer(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The part of an issuer before its first space, dot or comma ("GitHub Enterprise" → "github", "google.com" → "google"). */
function firstWord(text: string): string {
  return normaliseIssuer(text.trim().split(/[\s.,:/()-]+/)[0] ?? '');
}

/** The icon for an account: its `icon` slug if bundled, else one matched by issuer, else null. */
export function iconFor(issuer: string, icon: string | null): SimpleIcon | null {
  const candidates = [icon ?? '', normaliseIssuer(issuer), firstWord(issuer)];
  for (const raw of candidates) {
    if (raw === '') continue;
    const hit = BY_SLUG.get(ALIASES[raw] ?? raw);
    if (hit) return hit;
  }
  return null;
}
