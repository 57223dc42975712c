// OpsDesk's Tasklist settings (replaces the webjar's app/tasklist/scripts/config.js).
import {chinese, settings} from '../../../assets/opsdesk-webapps.js';

export default {
  ...settings('Tasklist', '任务列表'),
  // OpsDesk (app/tasklist/opsdesk/): the ticket id of a request just started; a tab to assign a task
  customScripts: ['opsdesk/ticket-started', 'opsdesk/assign-task'],
  // The vendor's shortcuts; their help dialog shows these descriptions as they are.
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: chinese ? '认领当前选中的任务' : 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: chinese ? '焦点移到第一个筛选器' : 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: chinese ? '焦点移到列表中的第一个任务' : 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: chinese ? '焦点移到任务表单的第一个输入框' : 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: chinese ? '打开发起流程对话框' : 'opens the start process modal dialog'}
  }
};
