import { describe, expect, it } from 'vitest';
import { readK8sError } from './k8s-errors';

/** Shaped like the SDK's HttpError: message, code, and the Status body as `json`. */
const httpError = (code: number, json: object) =>
  Object.assign(new Error((json as { message?: string }).message ?? 'error'), { code, json });

describe('readK8sError', () => {
  it('reports a 409 as a conflict and keeps the API message verbatim', () => {
    const msg =
      'Operation cannot be fulfilled on storageprofiles.cdi.kubevirt.io "nfs": the object has been modified; please apply your changes to the latest version and try again';
    const r = readK8sError(httpError(409, { kind: 'Status', code: 409, reason: 'Conflict', message: msg }));
    expect(r).toMatchObject({ kind: 'conflict', code: 409, message: msg });
  });

  it('a failed JSON patch test op, as the apiserver answers it (generic 422, no causes), is "invalid"', () => {
    const r = readK8sError(
      httpError(422, {
        kind: 'Status',
        code: 422,
        reason: 'Invalid',
        message: 'the server rejected our request due to an error in our request',
        details: {},
      }),
    );
    expect(r).toEqual({
      kind: 'invalid',
      code: 422,
      message: 'the server rejected our request due to an error in our request',
      causes: [],
    });
  });

  it('lists the causes of a 422 as field: message', () => {
    const r = readK8sError(
      httpError(422, {
        kind: 'Status',
        code: 422,
        reason: 'Invalid',
        message:
          'StorageProfile.cdi.kubevirt.io "nfs" is invalid: spec.claimPropertySets[0].accessModes[0]: Invalid value',
        details: {
          causes: [
            {
              reason: 'FieldValueInvalid',
              field: 'spec.claimPropertySets[0].accessModes[0]',
              message: 'Illegal AccessMode',
            },
          ],
        },
      }),
    );
    expect(r.kind).toBe('invalid');
    expect(r.causes).toEqual(['spec.claimPropertySets[0].accessModes[0]: Illegal AccessMode']);
    expect(r.message).toMatch(/is invalid/);
  });

  it('reports a 403 as forbidden with the server text', () => {
    const msg = 'storageprofiles.cdi.kubevirt.io "nfs" is forbidden: User "viewer" cannot patch resource';
    const r = readK8sError(httpError(403, { kind: 'Status', code: 403, reason: 'Forbidden', message: msg }));
    expect(r).toMatchObject({ kind: 'forbidden', message: msg });
  });

  it('reports a webhook denial or a Pod Security refusal (403) as invalid values, not missing permissions', () => {
    for (const msg of [
      'admission webhook "hostpath-provisioner-validator.hostpathprovisioner.kubevirt.io" denied the request: spec.storagePools[1].path: cannot have duplicate paths',
      'pods "p" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
    ]) {
      const r = readK8sError(
        httpError(403, { kind: 'Status', code: 403, reason: 'Forbidden', message: msg }),
      );
      expect(r).toMatchObject({ kind: 'invalid', message: msg });
    }
  });

  it('accepts a bare Status body and plain errors', () => {
    expect(readK8sError({ kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' }).kind).toBe(
      'not-found',
    );
    expect(readK8sError(new Error('Failed to fetch'))).toMatchObject({
      kind: 'other',
      message: 'Failed to fetch',
    });
    expect(readK8sError('boom').message).toBe('boom');
  });

  it('uses the HTTP status from the response when the body is not a Status', () => {
    const e = Object.assign(new Error('Forbidden'), { response: { status: 403 } });
    expect(readK8sError(e).kind).toBe('forbidden');
  });
});
