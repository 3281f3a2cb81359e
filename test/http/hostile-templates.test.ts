// Issue 11, found by the generated hostile-input suite: a notice template form sent with an empty
// subject, or a subject that renders to nothing, answered 500 (the preview rendered a subject that
// cannot head a mail). Now the form comes back with a field error, and such a subject is never saved.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn } from '../helpers/http.js';
import { latestTemplates } from '../../server/notices/notice-templates.service.js';

describe('http: notice templates with an empty subject', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when the template form arrives with no fields, a blank subject or a subject empty for the sample data, then 400 with the reason, nothing saved, and the JSON preview says so too', async () => {
    const officer = await signIn(t.app, await makeUser('privacy_officer'));
    const en = (await latestTemplates(t.clock.now())).get('en')!;
    const page = '/admin/notice-templates/en';
    // The token is fetched before the request is built: the agent attaches its cookies then.
    const token = await csrfToken(officer, page);
    const bare = await officer.post(page).type('form').send({ _csrf: token });
    assert.equal(bare.status, 400, bare.text.slice(0, 300));
    for (const subject of [
      '   ',
      '{{#unless incident.reference}}Datalek{{/unless}}',
      '{{#if false}}x{{/if}}',
    ]) {
      for (const action of ['save', 'preview']) {
        const res = await postForm(officer, page, page, {
          action,
          langName: 'English',
          subject,
          body: en.body,
        });
        assert.equal(res.status, 400, `${action} ${subject}: ${res.status}`);
      }
      const res = await postForm(officer, page, page, {
        action: 'save',
        langName: 'English',
        subject,
        body: en.body,
      });
      if (subject.trim()) assert.match(res.text, /Het onderwerp blijft leeg met de voorbeeldgegevens/);
      const jsonToken = await csrfToken(officer, page);
      const json = await officer
        .post(`${page}/preview.json`)
        .type('form')
        .set('Accept', 'application/json')
        .send({ _csrf: jsonToken, subject, body: en.body });
      assert.equal(json.status, 200);
      const out = json.body as { ok: boolean; problems: Record<string, string>; preview: unknown };
      assert.equal(out.ok, false);
      assert.ok(out.problems.subject);
      assert.equal(out.preview, null);
    }
    assert.equal((await latestTemplates(t.clock.now())).get('en')!.version, en.version, 'nothing saved');
  });
});
