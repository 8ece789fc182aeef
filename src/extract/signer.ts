/**
 * EdgeGrid signing through Akamai's own library, used only to sign: its `auth()` is synchronous and
 * leaves the signed request on the instance, so reading it back at once is safe under concurrency.
 * The transport is ours (undici), because the library's axios sender has no timeout, no retry and
 * keeps state between auth() and send(). One instance per credential: each `new EdgeGrid` adds
 * interceptors to the global axios instance.
 */
import EdgeGrid from 'akamai-edgegrid';

export interface EdgeGridCredentials {
  host: string;
  clientToken: string;
  clientSecret: string;
  accessToken: string;
}

export interface SignedRequest {
  url: string;
  authorization: string;
}

export class Signer {
  private readonly eg: EdgeGrid;
  constructor(creds: EdgeGridCredentials) {
    this.eg = new EdgeGrid(creds.clientToken, creds.clientSecret, creds.accessToken, creds.host);
  }

  /** Signs a GET of `pathAndQuery` with a fresh timestamp and nonce; call again for every retry. */
  sign(pathAndQuery: string): SignedRequest {
    this.eg.auth({ path: pathAndQuery, method: 'GET', headers: {} });
    const req = this.eg.request as { url: string; headers: { Authorization: string } };
    return { url: req.url, authorization: req.headers.Authorization };
  }
}
