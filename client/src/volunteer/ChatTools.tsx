// The tool row under a chat: canned replies, resources, ask for help, flag and transfer, each opening a small panel.
import type { Language } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import type { BesideSocket } from '../ui/socket';
import { CannedPicker } from './CannedPicker';
import { FlagForm } from './FlagForm';
import { ResourcePicker } from './ResourcePicker';
import { TransferForm } from './TransferForm';

export type ToolPanel = 'canned' | 'resource' | 'flag' | 'transfer';

export function ChatTools(props: {
  socket: BesideSocket;
  token: string;
  conversationId: string;
  language: Language;
  open: ToolPanel | undefined;
  onOpen: (panel: ToolPanel | undefined) => void;
  helpAsked: boolean;
  onAskHelp: () => void;
  onInsert: (text: string) => void;
  /** Taken over by a supervisor: the volunteer can no longer write to the visitor. */
  readOnly: boolean;
}) {
  const t = useStaffT().tools.toolbar;
  const { open, onOpen } = props;
  const close = () => onOpen(undefined);
  const toggle = (panel: ToolPanel) => onOpen(open === panel ? undefined : panel);
  const common = { socket: props.socket, conversationId: props.conversationId, onClose: close };

  return (
    <div className="chat-tools">
      {open === 'canned' ? (
        <CannedPicker token={props.token} language={props.language} onInsert={props.onInsert} onClose={close} />
      ) : null}
      {open === 'resource' ? <ResourcePicker {...common} language={props.language} /> : null}
      {open === 'flag' ? <FlagForm {...common} /> : null}
      {open === 'transfer' ? <TransferForm {...common} /> : null}
      <div className="chat-tools__row" role="group" aria-label={t.label}>
        <button
          type="button"
          className="tool-button"
          aria-expanded={open === 'canned'}
          aria-keyshortcuts="Control+/"
          disabled={props.readOnly}
          onClick={() => toggle('canned')}
        >
          {t.canned} <kbd className="tool-button__kbd">{t.cannedShortcut}</kbd>
        </button>
        <button type="button" className="tool-button" aria-expanded={open === 'resource'} disabled={props.readOnly} onClick={() => toggle('resource')}>
          {t.resource}
        </button>
        <button type="button" className="tool-button" disabled={props.helpAsked} onClick={props.onAskHelp}>
          {props.helpAsked ? t.helpAsked : t.help}
        </button>
        <button type="button" className="tool-button" aria-expanded={open === 'flag'} onClick={() => toggle('flag')}>
          {t.flag}
        </button>
        <button type="button" className="tool-button" aria-expanded={open === 'transfer'} disabled={props.readOnly} onClick={() => toggle('transfer')}>
          {t.transfer}
        </button>
      </div>
    </div>
  );
}
