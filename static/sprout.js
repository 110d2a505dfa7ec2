// Progressive enhancement only: every page works without this file.

// New note: preview chosen photos and ask for alt text next to each one.
const photos = document.querySelector('[data-photos]');
if (photos) {
  const previews = document.querySelector('[data-previews]');
  const altLines = document.querySelector('[data-alt-lines]');
  photos.addEventListener('change', () => {
    previews.replaceChildren();
    if (photos.files.length > 9) {
      photos.setCustomValidity('Choose at most 9 photos.');
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
      input.placeholder = `Describe photo ${i + 1}`;
      input.setAttribute('aria-label', `Alt text for photo ${i + 1}`);
      figure.append(img, input);
      previews.append(figure);
    });
  });
}

// "More notes": load the next page in place instead of navigating.
document.addEventListener('click', async (event) => {
  const link = event.target.closest('[data-more]');
  if (!link) return;
  event.preventDefault();
  link.textContent = 'Loading…';
  try {
    const res = await fetch(link.href);
    if (!res.ok) throw new Error(res.statusText);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const grid = document.getElementById('grid');
    doc.querySelectorAll('#grid > .card').forEach((card) => grid.append(card));
    const next = doc.querySelector('[data-more]');
    if (next) { link.href = next.href; link.textContent = 'More notes'; } else { link.parentElement.remove(); }
  } catch (err) {
    window.location = link.href;
  }
});
