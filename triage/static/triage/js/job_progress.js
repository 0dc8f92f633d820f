// A bulk job's page: ask the server how far the job got every few seconds and show it, until it is over.
// The text sits in a role="status" live region; it is only rewritten when the job's state changes or it
// moves on by a tenth, so a screen reader is not interrupted every few seconds.
(function () {
  "use strict";
  const box = document.querySelector("[data-triage-job]");
  if (!box || box.dataset.over === "true") {
    return;
  }
  const bar = box.querySelector("[data-job-bar]");
  const text = box.querySelector("[data-job-text]");
  const state = box.querySelector("[data-job-state]");
  const download = box.querySelector("[data-job-download]");
  const link = box.querySelector("[data-job-download-link]");
  const refresh = box.querySelector("[data-job-refresh]");
  let lastState = null;
  let lastTenth = -1;

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    state.textContent = job.state_label;
    const tenth = Math.floor(job.percent / 10);
    if (job.state !== lastState || tenth !== lastTenth) {
      text.textContent = job.text;
      lastState = job.state;
      lastTenth = tenth;
    }
    if (job.download_url) {
      link.href = job.download_url;
      download.hidden = false;
    }
    if (job.over && refresh) {
      refresh.hidden = true;
    }
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (!job.over) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 10000);
      });
  }

  window.setTimeout(poll, 1000);
})();
