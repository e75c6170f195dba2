import { describe, expect, it } from 'vitest';
import { moderatorEn } from '../i18n/moderator.en';
import { staffEn } from '../i18n/staff.en';
import { actionLabel, describeDetails } from './auditText';

const d = (action: string, details: Record<string, string | number | boolean | null>) => describeDetails({ action, details }, moderatorEn, staffEn);

describe('the audit log in words', () => {
  it('names every action in words, and falls back to words for one it does not know', () => {
    expect(actionLabel('message.held_back', moderatorEn)).toBe('Message held back (contact details)');
    expect(actionLabel('something.new_thing', moderatorEn)).toBe('Something new thing');
  });

  it('says what a held-back message contained, without codes', () => {
    const text = d('message.held_back', { reason: 'contact_details', kinds: 'phone,email' }).join(' ');
    expect(text).toBe('The message contained a phone number and an e-mail address; it was not stored or delivered.');
    expect(text).not.toMatch(/kinds|phone,|contact_details/);
  });

  it('turns reason codes, purposes, booleans and ids into words', () => {
    expect(d('auth.login_failed', { reason: 'bad_totp' })).toEqual(['Reason: wrong authenticator code']);
    expect(d('flag.raised', { conversationId: '0b6d5d39-93f0-437f-a734-587421b71315', source: 'auto', reason: 'sexual_content', severity: 3 })).toEqual([
      'Conversation: 0b6d5d39',
      'Source: automatic detector',
      'Reason: Sexual content (automatic)',
      'Severity: High',
    ]);
    expect(d('transcript.opened', { flagId: null, purpose: 'risk_follow_up', escalation: true })).toEqual(['Purpose: Following up a risk', 'Escalated chat: yes']);
    expect(d('transcript.opened', { purpose: 'live_supervision', escalation: 'live_board', reason: 'awaiting_reply' })).toEqual([
      'Purpose: Live supervision',
      'Escalated chat: no, observed from the live board with a reason',
      'Reason: the survivor had waited long for a reply',
    ]);
    expect(d('transcript.opened', { purpose: 'live_supervision', escalation: 'high_risk' })).toContain('Escalated chat: high risk');
    expect(d('conversation.risk_raised', { kinds: 'suicide,self_harm', source: 'auto' })).toEqual(['Signs of suicide and self-harm.', 'Source: automatic detector']);
    expect(d('staff.role_changed', { from: 'volunteer', to: 'moderator' })).toEqual(['From: volunteer', 'To: moderator']);
  });
});
