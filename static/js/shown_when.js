// A part of a form that belongs to one choice of another field (data-shown-when="kind=period")
// shows only while that choice is made. Without this script every part shows, and the server
// ignores the parts that do not belong to the choice sent.
(() => {
  document.querySelectorAll("[data-shown-when]").forEach((part) => {
    const [name, value] = part.dataset.shownWhen.split("=");
    const form = part.closest("form");
    const update = () => {
      part.hidden = new FormData(form).get(name) !== value;
    };
    form.addEventListener("change", update);
    update();
  });
})();
