// Picking a question template fills the question with its text in the reporter's language, ready to edit.
// Without JavaScript the form sends the template's text when the question is left empty.
(function () {
  "use strict";
  const texts = document.getElementById("question-template-texts");
  const picker = document.querySelector("select[data-question-templates]");
  if (!texts || !picker) {
    return;
  }
  const byId = JSON.parse(texts.textContent);
  const question = picker.form.querySelector("textarea[name='text']");
  picker.addEventListener("change", function () {
    if (question && byId[picker.value]) {
      question.value = byId[picker.value];
      question.focus();
    }
  });
})();
