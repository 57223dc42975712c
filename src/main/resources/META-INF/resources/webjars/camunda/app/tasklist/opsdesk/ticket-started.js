/*
 * OpsDesk: after a start form is submitted in Tasklist, show the new request's ticket id (the
 * process instance's business key, which the engine API returns with the started instance) until
 * the user closes it, so that the service desk can tell the caller. Tasklist itself only says
 * "The process has been started", for three seconds. A reclassification started in Tasklist names
 * its request the same way; other processes' business keys (backup runs, restores) are not tickets.
 * Watches the webapp's own XMLHttpRequests (its engine API client uses them); the message is a plain
 * element of its own, its text set as text.
 */
const START = /\/api\/engine\/engine\/[^/]+\/process-definition\/(key\/)?[^/]+\/(submit-form|start)(\?|$)/;
const BOX_ID = 'opsdesk-ticket-started';
// By process key (the started instance's definitionId is "<key>:<version>:<id>").
const SAID = {
  'service-request': '工单已创建 Ticket opened',
  'ticket-reclassification': '工单已重新分级 Request reclassified',
};

function showTicket(said, ticketId) {
  document.getElementById(BOX_ID)?.remove();
  const box = document.createElement('div');
  box.id = BOX_ID;
  box.className = 'alert alert-success';
  box.setAttribute('role', 'status');
  box.style.cssText = 'position:fixed;top:60px;left:50%;transform:translateX(-50%);z-index:2000;'
    + 'font-size:16px;padding:12px 40px 12px 16px;box-shadow:0 2px 8px rgba(0,0,0,.3)';
  const text = document.createElement('span');
  text.textContent = `${said} — 工单号 Ticket id: ${ticketId}`;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭 Close');
  close.style.cssText = 'position:absolute;top:8px;right:12px';
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.append(text, close);
  document.body.append(box);
}

function startedInstance(xhr) {
  if (xhr.responseType === 'json') {
    return xhr.response;
  }
  try {
    return JSON.parse(xhr.responseText);
  } catch (notJson) {
    return null;
  }
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && START.test(String(url))) {
    this.addEventListener('load', () => {
      const started = this.status === 200 ? startedInstance(this) : null;
      const said = started && typeof started.definitionId === 'string' ? SAID[started.definitionId.split(':')[0]] : null;
      if (said && typeof started.businessKey === 'string' && started.businessKey) {
        showTicket(said, started.businessKey);
      }
    });
  }
  return open.call(this, method, url, ...rest);
};
