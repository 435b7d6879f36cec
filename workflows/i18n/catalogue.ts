/**
 * @module The one catalogue of Accord's words, in every language it speaks: English and Vietnamese (the first
 * conference's host language). Each language must give every entry — the type says so, the compiler checks it —
 * and an entry that counts is written per plural category (`Intl.PluralRules`: English has one/other, Vietnamese
 * only other). Placeholders are `{name}`. Pure: the editor, and later the server and the exports, read it.
 *
 * Why our own rather than i18next: forty lines give typed keys and parameters, checked completeness per language
 * and the platform's plural rules; a library would add a runtime and lose the compile-time check.
 */

export const LANGUAGES = ['en', 'vi'] as const
export type Language = (typeof LANGUAGES)[number]

/** Each language named in itself, for the picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', vi: 'Tiếng Việt' }

/** The locale dates and numbers are written in, per language. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', vi: 'vi-VN' }

export type Plural = { one?: string; other: string }
type Entry = string | Plural

const en = {
  'app.signOut': 'Sign out',
  'app.secretariat': 'Secretariat',
  'app.language': 'Language',
  'app.loading': 'Loading the text…',
  'app.text': 'Declaration text',
  'save.saved': 'Saved',
  'save.saving': 'Saving…',
  'save.offline': 'Offline, reconnecting',
  'save.offlineKept': {
    one: 'Offline — {count} unsaved change kept on this device, reconnecting',
    other: 'Offline — {count} unsaved changes kept on this device, reconnecting',
  },
  'save.signedOut': 'Signed out: open your invitation link again',
  'save.signedOutKept': {
    one: 'Signed out — {count} unsaved change kept on this device: open your invitation link again',
    other: 'Signed out — {count} unsaved changes kept on this device: open your invitation link again',
  },
  'brackets.count': { one: '{count} open bracket', other: '{count} open brackets' },
  'stage.draft': 'Draft',
  'stage.negotiation': 'Negotiation',
  'stage.consensus-call': 'Consensus call',
  'stage.adopted': 'Adopted',
  'stage.signed': 'Signed',
  'role.secretariat': 'Secretariat',
  'role.chair': 'Chair',
  'role.head': 'Head of delegation',
  'role.drafter': 'Drafter',
  'role.observer': 'Observer',
  'rights.edit': 'You may edit the text directly.',
  'rights.suggest': 'Your changes are proposed as suggestions of your delegation.',
  'rights.read': 'You can read and follow live; you cannot change the text.',
  'stage.moveTo': 'Move to {stage}…',
  'stage.backTo': 'Back to {stage}…',
  'ask.cancel': 'Cancel',
  'panel.present': 'Present ({count})',
  'panel.suggestions': 'Suggestions ({count})',
  'panel.comments': 'Comments ({count} open)',
  'panel.brackets': 'Brackets ({count} open)',
  'panel.paragraphStatus': 'Paragraph status',
  'panel.consensus': 'Consensus',
  'panel.revisions': 'Revisions',
  'panel.notes': 'Our notes',
  you: 'you',
  'suggestions.all': 'All delegations ({count})',
  'suggestions.filter': 'Filter by delegation',
  'suggestions.none': 'No pending suggestions.',
  'suggestions.inserts': '{delegation} inserts',
  'suggestions.deletes': '{delegation} deletes',
  'suggestions.newParagraph': '{delegation} proposes a new paragraph',
  'suggestions.deleteParagraph': '{delegation} proposes deleting a paragraph',
  'suggestions.split': '{delegation} proposes splitting a paragraph before',
  'suggestions.join': '{delegation} proposes joining a paragraph to the one before',
  'action.accept': 'Accept',
  'action.reject': 'Reject',
  'action.withdraw': 'Withdraw',
  'action.acceptAll': 'Accept all',
  'action.rejectAll': 'Reject all',
  'action.acceptAllOf': 'Accept all of {delegation}',
  'action.rejectAllOf': 'Reject all of {delegation}',
  'action.undo': 'Undo',
  'threads.composer': 'Comment on the selected words…',
  'threads.post': 'Comment on selection',
  'threads.none': 'No comments here.',
  'threads.open': 'Open',
  'threads.resolved': 'Resolved',
  'threads.all': 'All',
  'threads.allDelegations': 'All delegations',
  'threads.reply': 'Reply',
  'threads.replyPlaceholder': 'Reply…',
  'threads.resolve': 'Resolve',
  'threads.reopen': 'Reopen',
  'threads.defer': 'Defer to after the consensus call',
  'threads.undefer': 'Take back the deferral',
  'threads.deferred': 'Deferred',
  'threads.detached': 'Detached',
  'hover.inserting': 'Proposes inserting',
  'hover.deleting': 'Proposes deleting',
  'hover.openThread': 'Open the thread',
  'hover.hint': 'Ctrl+Alt+I at the caret; Esc closes',
  'comment.here': 'Comment',
  'status.open': 'Open',
  'status.agreed-ad-ref': 'Agreed ad referendum',
  'status.agreed': 'Agreed',
  'status.noParagraph': 'Place the cursor in a paragraph.',
  'status.current': '{paragraph}: {status}',
  'clearance.button': 'We can accept this paragraph',
  'clearance.count': {
    one: '{paragraph}: cleared by {count} delegation',
    other: '{paragraph}: cleared by {count} delegations',
  },
  'paragraph.proposeDeletion': 'Propose deleting this paragraph',
  'paragraph.withdrawDeletion': 'Withdraw the deletion proposal',
  'brackets.bracketSelection': 'Bracket the selection',
  'brackets.selectFirst': 'Select words within one paragraph first.',
  'brackets.back': 'Back',
  'brackets.pick': 'Pick Alt {alt}',
  'brackets.alt': 'Alt {alt}',
  'brackets.bracketed': 'Bracketed',
  'brackets.proposeAlternative': 'Propose an alternative…',
  'brackets.propose': 'Propose',
  'brackets.remove': 'Remove brackets',
  'brackets.none': 'No open brackets.',
} satisfies Record<string, Entry>

export type MessageKey = keyof typeof en

const vi: Record<MessageKey, Entry> = {
  'app.signOut': 'Đăng xuất',
  'app.secretariat': 'Ban thư ký',
  'app.language': 'Ngôn ngữ',
  'app.loading': 'Đang tải văn bản…',
  'app.text': 'Văn bản tuyên bố',
  'save.saved': 'Đã lưu',
  'save.saving': 'Đang lưu…',
  'save.offline': 'Mất kết nối, đang kết nối lại',
  'save.offlineKept': {
    other: 'Mất kết nối — {count} thay đổi chưa lưu được giữ trên thiết bị này, đang kết nối lại',
  },
  'save.signedOut': 'Đã đăng xuất: hãy mở lại đường dẫn thư mời của bạn',
  'save.signedOutKept': {
    other:
      'Đã đăng xuất — {count} thay đổi chưa lưu được giữ trên thiết bị này: hãy mở lại đường dẫn thư mời của bạn',
  },
  'brackets.count': { other: '{count} ngoặc vuông đang mở' },
  'stage.draft': 'Dự thảo',
  'stage.negotiation': 'Đàm phán',
  'stage.consensus-call': 'Lấy ý kiến đồng thuận',
  'stage.adopted': 'Đã thông qua',
  'stage.signed': 'Đã ký',
  'role.secretariat': 'Ban thư ký',
  'role.chair': 'Chủ tọa',
  'role.head': 'Trưởng đoàn',
  'role.drafter': 'Người soạn thảo',
  'role.observer': 'Quan sát viên',
  'rights.edit': 'Bạn có thể sửa trực tiếp văn bản.',
  'rights.suggest': 'Các thay đổi của bạn được đề xuất dưới tên đoàn của bạn.',
  'rights.read': 'Bạn có thể đọc và theo dõi trực tiếp; bạn không thể thay đổi văn bản.',
  'stage.moveTo': 'Chuyển sang {stage}…',
  'stage.backTo': 'Quay lại {stage}…',
  'ask.cancel': 'Hủy',
  'panel.present': 'Đang có mặt ({count})',
  'panel.suggestions': 'Đề xuất ({count})',
  'panel.comments': 'Bình luận ({count} đang mở)',
  'panel.brackets': 'Ngoặc vuông ({count} đang mở)',
  'panel.paragraphStatus': 'Tình trạng đoạn',
  'panel.consensus': 'Đồng thuận',
  'panel.revisions': 'Các bản sửa đổi',
  'panel.notes': 'Ghi chú của đoàn',
  you: 'bạn',
  'suggestions.all': 'Tất cả các đoàn ({count})',
  'suggestions.filter': 'Lọc theo đoàn',
  'suggestions.none': 'Không có đề xuất nào đang chờ.',
  'suggestions.inserts': '{delegation} đề xuất thêm',
  'suggestions.deletes': '{delegation} đề xuất xóa',
  'suggestions.newParagraph': '{delegation} đề xuất một đoạn mới',
  'suggestions.deleteParagraph': '{delegation} đề xuất xóa một đoạn',
  'suggestions.split': '{delegation} đề xuất tách đoạn tại',
  'suggestions.join': '{delegation} đề xuất nối đoạn này với đoạn trước',
  'action.accept': 'Chấp nhận',
  'action.reject': 'Bác bỏ',
  'action.withdraw': 'Rút lại',
  'action.acceptAll': 'Chấp nhận tất cả',
  'action.rejectAll': 'Bác bỏ tất cả',
  'action.acceptAllOf': 'Chấp nhận tất cả của {delegation}',
  'action.rejectAllOf': 'Bác bỏ tất cả của {delegation}',
  'action.undo': 'Hoàn tác',
  'threads.composer': 'Bình luận về đoạn chữ đã chọn…',
  'threads.post': 'Bình luận về phần đã chọn',
  'threads.none': 'Chưa có bình luận.',
  'threads.open': 'Đang mở',
  'threads.resolved': 'Đã giải quyết',
  'threads.all': 'Tất cả',
  'threads.allDelegations': 'Tất cả các đoàn',
  'threads.reply': 'Trả lời',
  'threads.replyPlaceholder': 'Trả lời…',
  'threads.resolve': 'Giải quyết',
  'threads.reopen': 'Mở lại',
  'threads.defer': 'Hoãn đến sau khi lấy ý kiến đồng thuận',
  'threads.undefer': 'Bỏ hoãn',
  'threads.deferred': 'Đã hoãn',
  'threads.detached': 'Đã tách khỏi văn bản',
  'hover.inserting': 'Đề xuất thêm',
  'hover.deleting': 'Đề xuất xóa',
  'hover.openThread': 'Mở chuỗi bình luận',
  'hover.hint': 'Ctrl+Alt+I tại con trỏ; Esc để đóng',
  'comment.here': 'Bình luận',
  'status.open': 'Đang mở',
  'status.agreed-ad-ref': 'Đã nhất trí ad referendum',
  'status.agreed': 'Đã nhất trí',
  'status.noParagraph': 'Hãy đặt con trỏ vào một đoạn.',
  'status.current': '{paragraph}: {status}',
  'clearance.button': 'Đoàn chúng tôi chấp nhận được đoạn này',
  'clearance.count': { other: '{paragraph}: {count} đoàn đã chấp nhận' },
  'paragraph.proposeDeletion': 'Đề xuất xóa đoạn này',
  'paragraph.withdrawDeletion': 'Rút lại đề xuất xóa đoạn',
  'brackets.bracketSelection': 'Đặt phần đã chọn trong ngoặc vuông',
  'brackets.selectFirst': 'Hãy chọn các từ trong cùng một đoạn trước.',
  'brackets.back': 'Ủng hộ',
  'brackets.pick': 'Chọn phương án {alt}',
  'brackets.alt': 'Phương án {alt}',
  'brackets.bracketed': 'Trong ngoặc vuông',
  'brackets.proposeAlternative': 'Đề xuất một phương án khác…',
  'brackets.propose': 'Đề xuất',
  'brackets.remove': 'Bỏ ngoặc vuông',
  'brackets.none': 'Không có ngoặc vuông nào đang mở.',
}

export const CATALOGUE: Record<Language, Record<MessageKey, Entry>> = { en, vi }

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The message `key` in `language`, its plural chosen by `count` and its placeholders filled. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const entry = CATALOGUE[language][key]
  const text =
    typeof entry === 'string'
      ? entry
      : (entry[new Intl.PluralRules(LOCALES[language]).select(Number(params.count ?? 0)) as keyof Plural] ??
        entry.other)
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params
      ? String(name === 'count' ? formatCount(language, Number(params[name])) : params[name])
      : whole,
  )
}

function formatCount(language: Language, n: number): string {
  return new Intl.NumberFormat(LOCALES[language]).format(n)
}
