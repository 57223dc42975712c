/*
 * OpsDesk: a task tab "分配 Assign" in Tasklist. Tasklist offers only "Claim" on a task nobody has, and
 * OpsDesk lets only a task's candidates claim it; supervisors and the service desk (TASK_ASSIGN) hand it
 * to a handler here instead. The engine decides: a refusal (e.g. assigning to oneself) is shown as
 * the engine API words it.
 */
function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text) {
    node.textContent = text;
  }
  return node;
}

export default {
  id: 'opsdesk-assign-task',
  pluginPoint: 'tasklist.task.detail',
  label: '分配 Assign',
  priority: 50,
  render(node, {api, taskId}) {
    const form = element('form', {class: 'form-inline opsdesk-assign'});
    const input = element('input', {class: 'form-control', type: 'text', name: 'assignee',
      placeholder: '处理人用户名 Handler user id', 'aria-label': '处理人 Handler'});
    const button = element('button', {class: 'btn btn-default', type: 'submit'}, '分配 Assign');
    const result = element('p', {class: 'help-block', role: 'status'});
    form.append(input, ' ', button, result);
    node.append(form);

    form.addEventListener('submit', async event => {
      event.preventDefault();
      const userId = input.value.trim();
      if (!userId) {
        result.textContent = '请填写处理人 Enter the handler\'s user id';
        return;
      }
      button.disabled = true;
      try {
        const response = await fetch(`${api.engineApi}/task/${encodeURIComponent(taskId)}/assignee`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken},
          body: JSON.stringify({userId})
        });
        if (response.ok) {
          // textContent: the user id is shown as text, never as markup.
          result.textContent = `已分配给 ${userId} Assigned to ${userId}`;
          // Tasklist does not know of the change: reload, so that its header and lists show the new assignee.
          setTimeout(() => window.location.reload(), 1500);
        } else {
          const body = await response.json().catch(() => ({}));
          result.textContent = '未能分配 Not assigned: ' + (body.message || response.status);
        }
      } finally {
        button.disabled = false;
      }
    });
  }
};
