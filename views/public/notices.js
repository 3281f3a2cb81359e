// Notices pages, progressive enhancement only (every page works without this file):
// the progress page refreshes its figures while a run is sending, and the template editor shows
// its preview while the admin types. All text is set with textContent (never as HTML).
(function () {
  'use strict';

  function progress() {
    var box = document.getElementById('notice-progress');
    if (!box || !box.getAttribute('data-live')) return;
    var url = box.getAttribute('data-progress-url');
    var timer = setInterval(function () {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (data) {
          if (!data) return;
          data.figures.forEach(function (f) {
            var el = box.querySelector('[data-figure="' + f.id + '"]');
            if (el) el.textContent = f.value;
          });
          var state = box.querySelector('[data-figure="state"]');
          if (state) state.textContent = data.stateLabel;
          var pct = box.querySelector('[data-figure="percent"]');
          if (pct) pct.textContent = String(data.percent);
          var bar = box.querySelector('progress');
          if (bar) bar.value = data.percent;
          if (data.state !== 'sending') {
            clearInterval(timer);
            box.querySelectorAll('[data-while-sending]').forEach(function (el) {
              el.hidden = true;
            });
          }
        })
        .catch(function () {
          /* keep the last figures; the reload link still works */
        });
    }, 2000);
  }

  function renderBlocks(target, blocks) {
    while (target.firstChild) target.removeChild(target.firstChild);
    blocks.forEach(function (b) {
      var el;
      if (b.kind === 'heading') {
        el = document.createElement('h2');
        el.textContent = b.lines[0];
      } else if (b.kind === 'list') {
        el = document.createElement('ul');
        b.lines.forEach(function (l) {
          var li = document.createElement('li');
          li.textContent = l;
          el.appendChild(li);
        });
      } else {
        el = document.createElement('p');
        b.lines.forEach(function (l, i) {
          if (i) el.appendChild(document.createElement('br'));
          el.appendChild(document.createTextNode(l));
        });
      }
      target.appendChild(el);
    });
  }

  function templatePreview() {
    var form = document.getElementById('template-form');
    var pane = document.getElementById('template-preview');
    if (!form || !pane || !window.fetch) return;
    var url = form.getAttribute('data-preview-url');
    var pending;
    function update() {
      var body = new URLSearchParams(new FormData(form));
      fetch(url, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (data) {
          if (!data) return;
          var subject = pane.querySelector('[data-preview="subject"]');
          var out = pane.querySelector('[data-preview="body"]');
          var error = pane.querySelector('[data-preview="error"]');
          if (!subject || !out) {
            // The page was rendered without a preview: build the two elements once.
            subject = document.createElement('strong');
            subject.setAttribute('data-preview', 'subject');
            var p = document.createElement('p');
            p.appendChild(subject);
            out = document.createElement('div');
            out.className = 'notice-preview';
            out.setAttribute('data-preview', 'body');
            pane.appendChild(p);
            pane.appendChild(out);
          }
          if (data.preview) {
            subject.textContent = data.preview.subject;
            renderBlocks(out, data.preview.blocks);
            if (error) error.hidden = true;
            pane.removeAttribute('data-invalid');
          } else {
            pane.setAttribute('data-invalid', '1');
            if (error) error.hidden = false;
          }
        })
        .catch(function () {});
    }
    form.addEventListener('input', function () {
      clearTimeout(pending);
      pending = setTimeout(update, 400);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    progress();
    templatePreview();
  });
})();
