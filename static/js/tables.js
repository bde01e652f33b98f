// A table wider than its box scrolls inside it (templates/partials/_scroll_table.html); the
// hint above it shows only while there is something to scroll to.
(() => {
  const update = (region) => {
    region.parentElement.classList.toggle(
      "is-scrollable",
      region.scrollWidth > region.clientWidth + 1,
    );
  };
  const observer = new ResizeObserver((entries) => {
    entries.forEach((entry) => update(entry.target));
  });
  document.querySelectorAll(".table-scroll").forEach((region) => observer.observe(region));
})();
