/**
 * @module The fixed words of the exports (server/export): the PDF's signature page, annex, footer and watermark,
 * and the Word document's. The declaration's own words are never translated — only what Accord adds around them.
 */
import type { Entry } from '../catalogue.js'

export const en = {
  'pdf.signatures': 'Signatures',
  'pdf.witness': 'In witness whereof, the undersigned, duly authorised, have signed this text.',
  'pdf.doneAt': 'Done at {place} on {day}.',
  'pdf.theConference': 'the conference',
  'pdf.for': 'For {delegation}',
  'pdf.signedOn': '{position}; signed on {day}',
  'pdf.passkey': 'Signed with their own passkey, key SHA-256 {key} …',
  'pdf.click': 'Signature recorded by the server (no personal key)',
  'pdf.annex': 'Annex: reservations and interpretive statements',
  'pdf.adopted': 'Adopted text',
  'pdf.draft': 'Draft ({of}), not the adopted text',
  'pdf.liveText': 'live text',
  'pdf.page': 'page {page} of {pages}',
  'pdf.watermark': 'DRAFT — NOT ADOPTED',
  'signature.approve': 'Approved',
  'signature.approve-ad-ref': 'Approved ad referendum',
  'signature.reservation': 'Approved with a reservation (see the annex)',
  'signature.object': 'Objected',
  'signature.silent': 'No objection, under the silence procedure',
  'signature.pending': 'No position recorded',
} satisfies Record<string, Entry>

export const vi: Record<keyof typeof en, Entry> = {
  'pdf.signatures': 'Chữ ký',
  'pdf.witness': 'Để làm bằng, những người ký tên dưới đây, được ủy quyền hợp lệ, đã ký văn bản này.',
  'pdf.doneAt': 'Làm tại {place} ngày {day}.',
  'pdf.theConference': 'hội nghị',
  'pdf.for': 'Thay mặt {delegation}',
  'pdf.signedOn': '{position}; ký ngày {day}',
  'pdf.passkey': 'Ký bằng khóa truy cập riêng, khóa SHA-256 {key} …',
  'pdf.click': 'Chữ ký do máy chủ ghi nhận (không có khóa riêng)',
  'pdf.annex': 'Phụ lục: bảo lưu và tuyên bố giải thích',
  'pdf.adopted': 'Văn bản đã thông qua',
  'pdf.draft': 'Dự thảo ({of}), không phải văn bản đã thông qua',
  'pdf.liveText': 'văn bản hiện hành',
  'pdf.page': 'trang {page}/{pages}',
  'pdf.watermark': 'DỰ THẢO — CHƯA THÔNG QUA',
  'signature.approve': 'Đã chấp thuận',
  'signature.approve-ad-ref': 'Đã chấp thuận ad referendum',
  'signature.reservation': 'Đã chấp thuận với bảo lưu (xem phụ lục)',
  'signature.object': 'Đã phản đối',
  'signature.silent': 'Không phản đối, theo thủ tục im lặng',
  'signature.pending': 'Chưa ghi nhận lập trường',
}
