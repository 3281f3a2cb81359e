// Evidence files: names, allowed types, content sniffing, download headers and chunk encryption.
import assert from 'node:assert/strict';
import {
  cleanFilename,
  contentDisposition,
  contentMatches,
  contentTypeFor,
} from '../../../server/attachments/attachment-policy.js';
import {
  fileKey,
  keyFingerprint,
  newSalt,
  openChunk,
  sealChunk,
} from '../../../server/attachments/attachment-crypto.js';

describe('attachments: policy and encryption', () => {
  it('when a name has folders, control or direction characters, then only a clean base name is kept', () => {
    assert.equal(cleanFilename('C:\\Users\\x\\rapport.pdf'), 'rapport.pdf');
    assert.equal(cleanFilename('../../etc/passwd'), 'passwd');
    assert.equal(cleanFilename('factuur\u202Efdp.exe'), 'factuurfdp.exe');
    assert.equal(cleanFilename('a\r\nb".txt'), 'ab.txt');
    assert.equal(cleanFilename('..'), undefined);
    const long = cleanFilename(`${'x'.repeat(300)}.docx`)!;
    assert.equal(long.length, 200);
    assert.ok(long.endsWith('.docx'));
  });

  it('when the extension is on the allow-list, then our own content type is used; otherwise the file is refused', () => {
    assert.equal(contentTypeFor('scan.PDF'), 'application/pdf');
    assert.equal(contentTypeFor('mail.eml'), 'message/rfc822');
    assert.equal(contentTypeFor('run.exe'), undefined);
    assert.equal(contentTypeFor('page.html'), undefined);
    assert.equal(contentTypeFor('noext'), undefined);
  });

  it('when the first bytes do not fit the extension, then the content is refused', () => {
    assert.ok(contentMatches('a.pdf', Buffer.from('%PDF-1.7 ...')));
    assert.ok(!contentMatches('a.pdf', Buffer.from('MZ\x90\x00')));
    assert.ok(contentMatches('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])));
    assert.ok(contentMatches('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2])));
    assert.ok(!contentMatches('a.docx', Buffer.from('plain text')));
    assert.ok(contentMatches('a.txt', Buffer.from('gewone tekst')));
    assert.ok(!contentMatches('a.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00])));
  });

  it('when a download header is made, then quotes and non-ASCII cannot break out of it', () => {
    assert.equal(
      contentDisposition('rapport "x".pdf'),
      `attachment; filename="rapport _x_.pdf"; filename*=UTF-8''rapport%20%22x%22.pdf`,
    );
    assert.match(
      contentDisposition('bijlage é.pdf'),
      /filename="bijlage _\.pdf"; filename\*=UTF-8''bijlage%20%C3%A9\.pdf$/,
    );
  });

  it('when a sealed chunk is opened with its key and place, then it decrypts; altered, moved, or under another key, it fails', () => {
    const secret = 'a'.repeat(40);
    const salt = newSalt();
    const key = fileKey(secret, salt);
    const plain = Buffer.from('bewijsstuk');
    const sealed = sealChunk(key, 'att1', 0, plain);
    assert.equal(sealed.data.includes(plain), false);
    assert.deepEqual(openChunk(key, 'att1', 0, sealed), plain);
    assert.throws(() => openChunk(key, 'att1', 1, sealed), 'moved to another position');
    assert.throws(() => openChunk(key, 'att2', 0, sealed), 'moved to another file');
    assert.throws(() => openChunk(fileKey('b'.repeat(40), salt), 'att1', 0, sealed), 'another key');
    const flipped = { ...sealed, data: Buffer.from(sealed.data) };
    flipped.data[0] = flipped.data[0]! ^ 1;
    assert.throws(() => openChunk(key, 'att1', 0, flipped), 'altered');
    assert.notEqual(keyFingerprint(secret), keyFingerprint('b'.repeat(40)));
    assert.ok(!keyFingerprint(secret).includes(secret.slice(0, 8)));
  });
});
