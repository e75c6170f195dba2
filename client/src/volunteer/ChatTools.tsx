// The tool row under a chat (canned replies, resources, ask for help, flag, transfer) and the small panel each one opens.
import type { Language } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import type { BesideSocket } from '../ui/socket';
import { CannedPicker } from './CannedPicker';
import { FlagForm } from './FlagForm';
import { ResourcePicker } from './ResourcePicker';
import { RiskMarkForm } from './RiskMarkForm';
import { TransferForm } from './TransferForm';

export type ToolPanel = 'canned' | 'resource' | 'flag' | 'transfer' | 'risk';

interface ToolState {
  socket: BesideSocket;
  token: string;
  conversationId: string;
  language: Language;
  open: ToolPanel | undefined;
  onOpen: (panel: ToolPanel | undefined) => void;
  onInsert: (text: string) => void;
}

/** The open tool's panel, if any; the pane places it (beside the log when there is room, above the row otherwise). */
export function ChatToolPanel(props: ToolState) {
  const { open } = props;
  const close = () => props.onOpen(undefined);
  const common = { socket: props.socket, conversationId: props.conversationId, onClose: close };
  if (open === 'canned') return <CannedPicker token={props.token} language={props.language} onInsert={props.onInsert} onClose={close} />;
  if (open === 'resource') return <ResourcePicker {...common} language={props.language} />;
  if (open === 'flag') return <FlagForm {...common} />;
  if (open === 'transfer') return <TransferForm {...common} />;
  if (open === 'risk') return <RiskMarkForm {...common} />;
  return null;
}

export function ChatTools(
  props: ToolState & {
    helpAsked: boolean;
    onAskHelp: () => void;
    /** Taken over by a supervisor: the volunteer can no longer write to the visitor. */
    readOnly: boolean;
  },
) {
  const t = useStaffT().tools.toolbar;
  const { open, onOpen } = props;
  const toggle = (panel: ToolPanel) => onOpen(open === panel ? undefined : panel);

  return (
    <div className="chat-tools">
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
        <button type="button" className="tool-button" aria-expanded={open === 'risk'} onClick={() => toggle('risk')}>
          {t.risk}
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
