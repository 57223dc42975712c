/*
 * In OpsDesk supervisors watch Cockpit and only administrators operate on it (access.yaml: supervisors
 * read, camunda-admin may do everything). Cockpit offers every operation to every user and lets the
 * engine refuse it afterwards with raw permission text. For a user who may not open Admin (in OpsDesk:
 * everybody outside camunda-admin) this module leaves Cockpit's operation plugins out (suspend, cancel,
 * add variable, retry, job priority, delete deployment) and marks the page read-only, which
 * opsdesk.css uses to hide the action columns of Cockpit's tables (edit or delete a variable, retry a job).
 */
const OPERATIONS = {
  'cockpit.processInstance.runtime.action':
    ['cancel-process-instance-action', 'update-suspension-state-action', 'add-variable-action', 'job-retry-action'],
  'cockpit.processDefinition.runtime.action':
    ['update-suspension-state-action', 'bulk-job-definition-override-job-priority-action', 'job-retry-action'],
  'cockpit.jobDefinition.action': ['update-suspension-state', 'job-definition-override-job-priority-action'],
  'cockpit.incident.action': ['increase-incident-job-retry', 'increase-incident-external-task-retry'],
  'cockpit.repository.deployment.action': ['delete-deployment']
};

const operates = authentication => !!authentication && authentication.canAccess('admin');

window.angular.module('opsdesk.operations', [])
  .config(['$provide', $provide => {
    $provide.decorator('Views', ['$delegate', '$rootScope', (views, $rootScope) => {
      const providers = views.getProviders;
      views.getProviders = function (options) {
        const all = providers.apply(this, arguments);
        const hidden = OPERATIONS[options && options.component];
        return hidden && !operates($rootScope.authentication) ? all.filter(p => hidden.indexOf(p.id) < 0) : all;
      };
      return views;
    }]);
  }])
  .run(['$rootScope', $rootScope => {
    $rootScope.$watch('authentication', authentication => {
      document.body.classList.toggle('opsdesk-read-only', !operates(authentication));
    });
  }]);
