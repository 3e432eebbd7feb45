import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorAlert } from './ErrorAlert';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});

describe('ErrorAlert', () => {
  it('shows the API message and every cause verbatim, with a title for the kind of failure', () => {
    const message = 'admission webhook "validate-hco.kubevirt.io" denied the request: <bad> & "quoted"';
    const html = renderToStaticMarkup(
      <ErrorAlert
        error={Object.assign(new Error(message), {
          code: 422,
          json: {
            kind: 'Status',
            code: 422,
            reason: 'Invalid',
            message,
            details: { causes: [{ field: 'spec.filesystemOverhead.global', message: 'must match pattern' }] },
          },
        })}
      />,
    );
    expect(html).toContain('The server rejected the values');
    expect(html).toContain(
      'admission webhook &quot;validate-hco.kubevirt.io&quot; denied the request: &lt;bad&gt; &amp;',
    );
    expect(html).toContain('spec.filesystemOverhead.global: must match pattern');
  });

  it('tells the user nothing was saved after a conflict', () => {
    const html = renderToStaticMarkup(
      <ErrorAlert
        error={{ kind: 'Status', code: 409, reason: 'Conflict', message: 'the object has been modified' }}
      />,
    );
    expect(html).toContain('The object was changed by someone else');
    expect(html).toContain('Nothing was saved.');
  });

  it('uses the caller title when given', () => {
    expect(renderToStaticMarkup(<ErrorAlert error={new Error('x')} title="Could not save" />)).toContain(
      'Could not save',
    );
  });

  it('says nothing was saved only for a failed write, not for a failed read', () => {
    const forbidden = {
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      message: 'storageclasses.storage.k8s.io is forbidden: User "project-user" cannot list resource',
    };
    const read = renderToStaticMarkup(<ErrorAlert error={forbidden} context="read" />);
    expect(read).toContain('storageclasses.storage.k8s.io is forbidden');
    expect(read).not.toContain('Nothing was saved');
    expect(read).toContain('Ask a cluster administrator for read access.');
    expect(renderToStaticMarkup(<ErrorAlert error={forbidden} context="write" />)).toContain(
      'Nothing was saved. Ask a cluster administrator for access.',
    );
  });
});
