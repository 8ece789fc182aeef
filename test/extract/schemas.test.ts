import { describe, expect, it } from 'vitest';
import { parseElement, parseResponse, ResponseShapeError, unknownEnumValues, User, UserListItem, Credential } from '../../src/extract/schemas.js';
import { splitJsonArray } from '../../src/extract/json-array.js';
import { parseIni } from '../../src/extract/edgerc.js';

const listUser = { uiIdentityId: '1-AB', uiUserName: 'ab', email: 'ab@x.example', isLocked: false, additionalAuthentication: 'MFA', additionalAuthenticationConfigured: true };

describe('response validation, tolerant where real APIs deviate', () => {
  it('ignores unknown fields and accepts absent spec-required fields the product does not use', () => {
    const u = parseResponse(UserListItem.array(), [{ ...listUser, userStatus: 'ACTIVE' }], '/user-admin/ui-identities', 'uiIdentityId');
    expect(u[0]).not.toHaveProperty('userStatus');
    // The spec requires firstName, tfaEnabled...; nothing here needs them.
    expect(u[0].uiIdentityId).toBe('1-AB');
  });

  it('keeps an unknown enum value as text and records it once', () => {
    unknownEnumValues.clear();
    const u = parseResponse(User, { ...listUser, additionalAuthentication: 'PASSKEY' }, '/user-admin/ui-identities/1-AB', 'uiIdentityId');
    parseResponse(User, { ...listUser, additionalAuthentication: 'PASSKEY' }, '/user-admin/ui-identities/1-AB', 'uiIdentityId');
    expect(u.additionalAuthentication).toBe('PASSKEY');
    expect([...unknownEnumValues.get('user.additionalAuthentication')!]).toEqual(['PASSKEY']);
  });

  it('a field the product needs, missing or mistyped, is an error naming endpoint, record and field', () => {
    const bad = [listUser, { ...listUser, uiIdentityId: '1-CD', isLocked: 'no' }];
    expect(() => parseResponse(UserListItem.array(), bad, '/user-admin/ui-identities', 'uiIdentityId'))
      .toThrow(/GET \/user-admin\/ui-identities: record 1 \(uiIdentityId "1-CD"\), field isLocked: /);
    expect(() => parseElement(Credential, { credentialId: 5, clientToken: 'x', status: 'ACTIVE', createdOn: 'yesterday', expiresOn: '2027-01-01T00:00:00Z' },
      '/api-clients/c/credentials', 3, 'credentialId')).toThrow(ResponseShapeError);
  });

  it('parses both timestamp styles Akamai uses', () => {
    expect(() => parseResponse(User, { ...listUser, lastLoginDate: '2016-01-13T17:53:57Z', passwordExpiryDate: '2017-07-27T18:11:25.000Z' }, '/x', 'uiIdentityId')).not.toThrow();
  });
});

describe('splitJsonArray', () => {
  it('finds top-level elements, strings with brackets and escapes included', () => {
    const text = ' [ {"a":"]\\"}"}, [1,[2]] ,"x,y", 3 ] ';
    const { spans, count } = splitJsonArray(text);
    expect(count).toBe(4);
    const parts = Array.from({ length: count }, (_, i) => JSON.parse(text.slice(spans[2 * i], spans[2 * i + 1])));
    expect(parts).toEqual([{ a: ']"}' }, [1, [2]], 'x,y', 3]);
    expect(splitJsonArray('[]').count).toBe(0);
  });

  it('refuses a truncated body', () => {
    expect(() => splitJsonArray('[{"a":1},{"b":')).toThrow(/not closed/);
    expect(() => splitJsonArray('{"a":1}')).toThrow(/expected a JSON array/);
  });
});

describe('.edgerc parsing', () => {
  it('reads sections, keys with - or _, quotes and inline comments', () => {
    const s = parseIni('[default]\nclient-secret = "abc=" ; a comment\nhost = akab-x.luna.akamaiapis.net # note\n\n[other]\nmax_body = 2048\n');
    expect(Object.fromEntries(s.get('default')!)).toEqual({ client_secret: 'abc=', host: 'akab-x.luna.akamaiapis.net' });
    expect(s.get('other')!.get('max_body')).toBe('2048');
  });
});
