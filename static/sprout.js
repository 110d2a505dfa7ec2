// Progressive enhancement only: every page works without this file.

// The words this script says come from the page, in its language: data-i18n-* attributes on the
// element concerned (`{n}`-style places are filled in here). English when a page gives none.
const say = (el, key, english, fill = {}) =>
  Object.entries(fill).reduce(
    (text, [name, value]) => text.split(`{${name}}`).join(String(value)),
    el?.dataset?.[key] || english,
  );

// New note: preview chosen photos and ask for alt text next to each one.
const photos = document.querySelector('[data-photos]');
if (photos) {
  const previews = document.querySelector('[data-previews]');
  const altLines = document.querySelector('[data-alt-lines]');
  photos.addEventListener('change', () => {
    previews.replaceChildren();
    if (photos.files.length > 9) {
      photos.setCustomValidity(say(photos, 'i18nTooMany', 'Choose at most 9 photos.'));
      photos.reportValidity();
      return;
    }
    photos.setCustomValidity('');
    altLines.hidden = photos.files.length > 0;
    [...photos.files].forEach((file, i) => {
      const figure = document.createElement('figure');
      const img = document.createElement('img');
      img.src = URL.createObjectURL(file);
      img.alt = '';
      const input = document.createElement('input');
      input.name = 'alt';
      input.maxLength = 300;
      input.placeholder = say(photos, 'i18nDescribe', 'Describe photo {n}', { n: i + 1 });
      input.setAttribute('aria-label', say(photos, 'i18nAlt', 'Alt text for photo {n}', { n: i + 1 }));
      figure.append(img, input);
      previews.append(figure);
    });
  });
}

// The feed as a masonry: each card goes into the shortest column, in rank order, so the
// second-ranked note is the second card seen; more cards only ever append. Without this script
// the grid shows the cards row by row.
const masonry = (() => {
  const grid = document.getElementById('grid');
  if (!grid) return { add: () => {} };
  const cards = [...grid.querySelectorAll(':scope > .card')];
  let columns = [];
  const count = () => getComputedStyle(grid).gridTemplateColumns.split(' ').length;
  const place = (card) => {
    const shortest = columns.reduce((a, b) => (b.offsetHeight < a.offsetHeight ? b : a));
    shortest.append(card);
  };
  const layout = (n) => {
    grid.classList.remove('masonry');
    grid.replaceChildren(...cards);
    const want = n || count();
    columns = Array.from({ length: want }, () => {
      const column = document.createElement('div');
      column.className = 'column';
      return column;
    });
    grid.classList.add('masonry');
    grid.replaceChildren(...columns);
    cards.forEach(place);
    return want;
  };
  let shown = layout();
  let timer;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      grid.classList.remove('masonry');
      const want = count();
      if (want !== shown) shown = layout(want);
      else grid.classList.add('masonry');
    }, 150);
  });
  return {
    add(card) {
      cards.push(card);
      place(card);
    },
  };
})();

// "More notes": load the next page in place instead of navigating.
document.addEventListener('click', async (event) => {
  const link = event.target.closest('[data-more]');
  if (!link) return;
  event.preventDefault();
  const label = say(link, 'i18nMore', 'More notes');
  link.textContent = say(link, 'i18nLoading', 'Loading…');
  try {
    const res = await fetch(link.href);
    if (!res.ok) throw new Error(res.statusText);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    doc.querySelectorAll('#grid > .card').forEach((card) => masonry.add(card));
    const next = doc.querySelector('[data-more]');
    if (next) { link.href = next.href; link.textContent = label; } else { link.parentElement.remove(); }
  } catch (err) {
    window.location = link.href;
  }
});

// Search suggestions while typing: hashtags and people starting with what was typed.
document.querySelectorAll('[data-suggest]').forEach((input) => {
  const list = document.createElement('ul');
  list.className = 'suggest';
  list.hidden = true;
  list.setAttribute('role', 'listbox');
  input.after(list);
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { list.hidden = true; return; }
    timer = setTimeout(async () => {
      const res = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`);
      if (!res.ok) return;
      const { hashtags, users } = await res.json();
      const items = [
        ...hashtags.map((t) => [t.url, `#${t.name}`, `${t.note_count}`]),
        ...users.map((u) => [u.url, u.display_name, `@${u.username}`]),
      ];
      list.replaceChildren(...items.map(([href, label, hint]) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = href;
        a.textContent = `${label} `;
        const small = document.createElement('small');
        small.className = 'muted';
        small.textContent = hint;
        a.append(small);
        li.append(a);
        return li;
      }));
      list.hidden = items.length === 0;
    }, 120);
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 200));
});

// Tagging a product: tap the photo to place the dot (the percent fields work without this).
const canvas = document.querySelector('[data-tag-canvas]');
if (canvas) {
  const img = canvas.querySelector('img');
  const preview = canvas.querySelector('[data-tag-preview]');
  const x = document.querySelector('[data-tag-x]');
  const y = document.querySelector('[data-tag-y]');
  const place = () => {
    preview.hidden = false;
    preview.style.left = `${x.value}%`;
    preview.style.top = `${y.value}%`;
  };
  img.addEventListener('click', (event) => {
    const box = img.getBoundingClientRect();
    x.value = (((event.clientX - box.left) / box.width) * 100).toFixed(1);
    y.value = (((event.clientY - box.top) / box.height) * 100).toFixed(1);
    place();
  });
  x.addEventListener('input', place);
  y.addEventListener('input', place);
  place();
}

// Search-as-you-type over products on the tagging page.
const productSearch = document.querySelector('[data-product-search]');
const productResults = document.querySelector('[data-product-results]');
if (productSearch && productResults) {
  let timer;
  productSearch.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const res = await fetch(`/api/v1/products?q=${encodeURIComponent(productSearch.value)}&limit=12`);
      if (!res.ok) return;
      const { items } = await res.json();
      productResults.replaceChildren(...items.map((p, i) => {
        const label = document.createElement('label');
        label.className = 'photo-alt';
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'product_id';
        radio.value = p.id;
        radio.checked = i === 0;
        const meta = document.createElement('span');
        meta.className = 'muted small';
        meta.textContent = `${p.brand.name} · ${p.price}`;
        label.append(radio, ` ${p.name} `, meta);
        return label;
      }));
      if (items.length === 0) {
        const empty = document.createElement('p');
        empty.className = 'empty';
        empty.textContent = say(productResults, 'i18nEmpty', 'No products match.');
        productResults.append(empty);
      }
    }, 150);
  });
}

// List editor: drag entries to reorder (the ↑ ↓ buttons do the same without this).
const sortable = document.querySelector('[data-sortable]');
if (sortable) {
  let dragged = null;
  sortable.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('[data-rank]');
    dragged?.classList.add('dragging');
  });
  sortable.addEventListener('dragover', (event) => {
    event.preventDefault();
    const over = event.target.closest('[data-rank]');
    if (!dragged || !over || over === dragged) return;
    const box = over.getBoundingClientRect();
    over.parentNode.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  sortable.addEventListener('drop', async (event) => {
    event.preventDefault();
    dragged?.classList.remove('dragging');
    dragged = null;
    const order = [...sortable.querySelectorAll('[data-rank]')].map((li) => li.dataset.rank).join(',');
    const body = new URLSearchParams({ csrf: sortable.dataset.csrf, order });
    await fetch(sortable.dataset.sortable, { method: 'POST', body });
    window.location.reload();
  });
}

// Team and group-buy pages: a live countdown to the deadline (the words of web::time_left:
// data-i18n-up, -days, -hours, -minutes, -seconds hold the web-time-up and web-left-… messages
// with {d}, {h}, {m} and {s} for the numbers).
const countdown = document.querySelector('#countdown[data-expires]');
if (countdown) {
  const end = Date.parse(countdown.dataset.expires);
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const d = Math.floor(left / 86400);
    const h = Math.floor(left / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    const fill = { d, h: d > 0 ? h % 24 : h, m, s };
    countdown.textContent =
      left === 0 ? say(countdown, 'i18nUp', 'time is up')
        : d > 0 ? say(countdown, 'i18nDays', '{d} d {h} h left', fill)
        : h > 0 ? say(countdown, 'i18nHours', '{h} h {m} min left', fill)
        : m > 0 ? say(countdown, 'i18nMinutes', '{m} min {s} s left', fill)
        : say(countdown, 'i18nSeconds', '{s} s left', fill);
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
}

// The pick list's Print button (without JavaScript, the browser's own Print does the same).
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print]')) window.print();
});

// Tell the server the browser's time zone (a cookie), so the next pages show times in it; the
// API keeps UTC. Without this script, times read in the member's setting or Sprout's default.
try {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && /^[A-Za-z0-9_+\/-]{1,64}$/.test(zone) && !document.cookie.split('; ').includes(`tz=${zone}`)) {
    document.cookie = `tz=${zone}; path=/; max-age=31536000; samesite=lax`;
  }
} catch (err) {
  // No Intl: the server's default zone.
}

// A tapped tag dot opens its product card in a sheet over the photo, which stays where it was:
// the tap is posted as without the script (it counts for the creator), and the card is read
// from the page the server answers with. Without the script the dot is a form that reloads the
// page with the card open.
const tagForms = document.querySelectorAll('form.tag-form');
if (tagForms.length && window.fetch && window.HTMLDialogElement) {
  const sheet = document.createElement('dialog');
  sheet.className = 'sheet';
  document.body.append(sheet);
  let opener = null;
  sheet.addEventListener('click', (event) => {
    if (event.target === sheet) sheet.close();
    const close = event.target.closest('a[data-close]');
    if (close) { event.preventDefault(); sheet.close(); }
  });
  sheet.addEventListener('close', () => { sheet.replaceChildren(); opener?.focus(); });
  tagForms.forEach((form) => form.addEventListener('submit', async (event) => {
    const button = event.submitter;
    if (!button || button.name !== 'tag') return;
    event.preventDefault();
    opener = button;
    const body = new URLSearchParams(new FormData(form));
    body.set('tag', button.value);
    try {
      const res = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
      if (!res.ok) throw new Error(res.statusText);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const card = doc.getElementById('tag-card');
      if (!card) throw new Error('no product card');
      card.querySelectorAll('a[href]').forEach((a) => {
        if (new URL(a.href, window.location.href).pathname === window.location.pathname) a.dataset.close = '';
      });
      document.getElementById('tag-card')?.remove();
      sheet.replaceChildren(card);
      sheet.showModal();
      card.focus();
    } catch (err) {
      window.location = `${window.location.pathname}?tag=${encodeURIComponent(button.value)}#tag-card`;
    }
  }));
}
