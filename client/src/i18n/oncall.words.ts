// Words (no React) for supervisor shifts and paging (issue 13), in English and Spanish: slot roles, supervisor coverage, pages.
import type { PageStatus, SlotRole } from '@beside/shared';

export interface OnCallWords {
  slotRoles: Record<SlotRole, string>;
  /** The publish form's field. */
  slotRoleLabel: string;
  /** Shown instead of the sign-up button to a volunteer on a supervisor slot. */
  supervisorsOnly: string;
  supervisorRow: string;
  supervisorsHeading: string;
  supervisorsIntro: string;
  supervisorsUncovered: (hours: number) => string;
  supervisorsCovered: string;
  supervisorsChartLabel: (hours: number) => string;
  legendNoSupervisor: string;
  pageStatus: Record<PageStatus, string>;
  /** The moderator console's line on who supervises now. */
  strip: {
    label: string;
    online: (names: string) => string;
    nobodyOnline: string;
    onCall: (names: string) => string;
    nobodyOnCall: string;
    notConnected: string;
    pagerOff: string;
  };
}

export const onCallEn: OnCallWords = {
  slotRoles: { volunteer: 'Chat shift', supervisor: 'Supervisor on call' },
  slotRoleLabel: 'Kind of slot',
  supervisorsOnly: 'For moderators and admins',
  supervisorRow: 'Supervisor',
  supervisorsHeading: 'Supervisors on call',
  supervisorsIntro: 'Hours with no active moderator or admin signed up to a supervisor slot: an alert nobody answers then pages nobody on call.',
  supervisorsUncovered: (hours) => `${hours} hour${hours === 1 ? '' : 's'} with no supervisor`,
  supervisorsCovered: 'A supervisor is on call every hour.',
  supervisorsChartLabel: (hours) => `Supervisors: ${hours} hours with nobody on call over the coming days, day by day`,
  legendNoSupervisor: 'No supervisor',
  pageStatus: {
    none: 'Not paged',
    pending: 'The on-call supervisor will be paged if nobody answers',
    sent: 'On-call supervisor paged',
    failed: 'Paging failed: call the on-call supervisor',
    not_configured: 'Nobody can be paged: no pager is set up',
  },
  strip: {
    label: 'Supervision now',
    online: (names) => `Online: ${names}`,
    nobodyOnline: 'No other supervisor is online',
    onCall: (names) => `On call: ${names}`,
    nobodyOnCall: 'Nobody is on call now',
    notConnected: 'not connected',
    pagerOff: 'No pager is set up: nobody on call can be paged',
  },
};

export const onCallEs: OnCallWords = {
  slotRoles: { volunteer: 'Turno de chat', supervisor: 'Supervisión de guardia' },
  slotRoleLabel: 'Tipo de turno',
  supervisorsOnly: 'Para moderación y administración',
  supervisorRow: 'Supervisión',
  supervisorsHeading: 'Supervisión de guardia',
  supervisorsIntro: 'Horas sin ninguna persona moderadora o administradora activa en un turno de supervisión: una alerta sin respuesta no avisa entonces a nadie de guardia.',
  supervisorsUncovered: (hours) => `${hours} hora${hours === 1 ? '' : 's'} sin supervisión`,
  supervisorsCovered: 'Hay supervisión de guardia todas las horas.',
  supervisorsChartLabel: (hours) => `Supervisión: ${hours} horas sin nadie de guardia en los próximos días, día por día`,
  legendNoSupervisor: 'Sin supervisión',
  pageStatus: {
    none: 'Sin aviso',
    pending: 'Se avisará a la supervisión de guardia si nadie responde',
    sent: 'Aviso enviado a la supervisión de guardia',
    failed: 'El aviso falló: llama a la supervisión de guardia',
    not_configured: 'No se puede avisar a nadie: no hay buscapersonas configurado',
  },
  strip: {
    label: 'Supervisión ahora',
    online: (names) => `En línea: ${names}`,
    nobodyOnline: 'Ninguna otra persona supervisora está en línea',
    onCall: (names) => `De guardia: ${names}`,
    nobodyOnCall: 'Nadie está de guardia ahora',
    notConnected: 'sin conexión',
    pagerOff: 'No hay buscapersonas configurado: no se puede avisar a nadie de guardia',
  },
};

