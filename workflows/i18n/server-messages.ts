/**
 * @module What the server answers when it refuses — API errors, the rulebook's refusals, a socket's close reason,
 * a roster file's problems — in every language Accord speaks. Keyed by the English wording, as gettext keys by
 * its msgid: the rules stay readable where they refuse (and in logs and tests), and the answer is put in the
 * caller's language at the edge (`inLanguage`), from the request's `Accept-Language` or the page's choice.
 *
 * `{name}` marks a part taken from the facts (a name, a number, a stage); it is matched in the English sentence and
 * carried into the translation (itself translated when the catalogue knows it: "The thread is already resolved."
 * gives the stage in Vietnamese). `test/unit/server-messages.test.ts` extracts every refusal from the source, as
 * xgettext does, and fails when one has no entry here.
 */
import type { Language } from './catalogue.js'

type Translations = Record<Exclude<Language, 'en'>, string>

export const SERVER_MESSAGES = {
  // The API's frame.
  'Send the request body as application/json.': {
    vi: 'Hãy gửi nội dung yêu cầu dưới dạng application/json.',
  },
  'Request bodies are limited to {bytes} bytes.': { vi: 'Nội dung yêu cầu giới hạn ở {bytes} byte.' },
  'Request bodies here are limited to {bytes} bytes.': {
    vi: 'Nội dung yêu cầu ở đây giới hạn ở {bytes} byte.',
  },
  'The request body is not valid JSON.': { vi: 'Nội dung yêu cầu không phải JSON hợp lệ.' },
  'The request body must be a JSON object.': { vi: 'Nội dung yêu cầu phải là một đối tượng JSON.' },
  'Cross-site requests are refused.': { vi: 'Yêu cầu từ trang khác bị từ chối.' },
  'Request refused.': { vi: 'Yêu cầu bị từ chối.' },
  'Something went wrong on the server.': { vi: 'Máy chủ gặp sự cố.' },
  'The server cannot make this change just now; nothing was changed. Try again in a moment.': {
    vi: 'Máy chủ chưa thể thực hiện thay đổi này lúc này; không có gì bị thay đổi. Hãy thử lại sau giây lát.',
  },
  'Sign in with your invitation link, or send a valid bearer token.': {
    vi: 'Hãy đăng nhập bằng đường dẫn thư mời của bạn, hoặc gửi một bearer token hợp lệ.',
  },
  '{what}; try again in {seconds} s.': { vi: '{what}; hãy thử lại sau {seconds} giây.' },
  'Too many failed sign-ins from this address': { vi: 'Quá nhiều lần đăng nhập thất bại từ địa chỉ này' },
  'Too many of your changes were refused': { vi: 'Quá nhiều thay đổi của bạn đã bị từ chối' },
  'Too many connections opened': { vi: 'Mở quá nhiều kết nối' },
  'This API path was not found.': { vi: 'Không tìm thấy đường dẫn API này.' },
  'This path was not found.': { vi: 'Không tìm thấy đường dẫn này.' },
  'This action was not found.': { vi: 'Không tìm thấy thao tác này.' },
  'The thread was not found.': { vi: 'Không tìm thấy chuỗi thảo luận.' },
  'The document was not found.': { vi: 'Không tìm thấy văn kiện.' },
  'The bracket was not found.': { vi: 'Không tìm thấy ngoặc vuông.' },
  'The delegation was not found.': { vi: 'Không tìm thấy đoàn.' },
  'The revision was not found.': { vi: 'Không tìm thấy bản sửa đổi.' },
  'The participant was not found.': { vi: 'Không tìm thấy đại biểu.' },
  'The paragraph was not found.': { vi: 'Không tìm thấy đoạn văn.' },
  'The suggestion was not found.': { vi: 'Không tìm thấy đề xuất.' },
  'Alt {alt} was not found.': { vi: 'Không tìm thấy phương án {alt}.' },
  'Unknown participant.': { vi: 'Đại biểu không xác định.' },
  // Who may.
  "The conference's secretariat sets it up: its roster, invitations and documents.": {
    vi: 'Ban thư ký hội nghị thiết lập hội nghị: danh sách đại biểu, thư mời và văn kiện.',
  },
  'The secretariat admits delegations.': { vi: 'Ban thư ký tiếp nhận các đoàn.' },
  'The secretariat imports a zero draft, while the text is a draft.': {
    vi: 'Ban thư ký nhập dự thảo ban đầu, khi văn bản còn là dự thảo.',
  },
  'The secretariat or the chair publishes revisions, while the text is open.': {
    vi: 'Ban thư ký hoặc chủ tọa công bố bản sửa đổi, khi văn bản còn mở.',
  },
  "A delegation's head marks the paragraphs it can accept, during the negotiation.": {
    vi: 'Trưởng đoàn đánh dấu các đoạn mà đoàn có thể chấp nhận, trong giai đoạn đàm phán.',
  },
  'Another secretariat officer changes or removes you: a conference must keep its secretariat.': {
    vi: 'Một cán bộ ban thư ký khác thay đổi hoặc xóa bạn: hội nghị phải giữ ban thư ký của mình.',
  },
  'Only the chair moves the text from one stage to another.': {
    vi: 'Chỉ chủ tọa chuyển văn bản từ giai đoạn này sang giai đoạn khác.',
  },
  'The text is already in {stage}.': { vi: 'Văn bản đã ở giai đoạn {stage}.' },
  'The text cannot move from {from} to {to}.': { vi: 'Văn bản không thể chuyển từ {from} sang {to}.' },
  'Adoption needs consensus: {list}.': { vi: 'Việc thông qua cần đồng thuận: {list}.' },
  'The consensus call needs a settled text: {list}.': {
    vi: 'Việc kêu gọi đồng thuận cần một văn bản đã ổn định: {list}.',
  },
  '{count} delegations pending': { vi: '{count} đoàn chưa có lập trường' },
  '{count} objections': { vi: '{count} phản đối' },
  '{count} pending suggestions': { vi: '{count} đề xuất đang chờ' },
  '{count} open brackets': { vi: '{count} ngoặc vuông còn mở' },
  '{count} open threads not deferred': { vi: '{count} chuỗi thảo luận còn mở chưa hoãn' },
  draft: { vi: 'dự thảo' },
  negotiation: { vi: 'đàm phán' },
  'consensus-call': { vi: 'kêu gọi đồng thuận' },
  adopted: { vi: 'đã thông qua' },
  signed: { vi: 'đã ký' },
  open: { vi: 'mở' },
  resolved: { vi: 'đã giải quyết' },
  agreed: { vi: 'đã thống nhất' },
  'agreed-ad-ref': { vi: 'đã thống nhất ad referendum' },
  // Suggestions.
  'Suggestions cannot be withdrawn in {stage}.': { vi: 'Không thể rút đề xuất ở giai đoạn {stage}.' },
  "A delegation withdraws only its own suggestions; the chair decides the others'.": {
    vi: 'Một đoàn chỉ rút đề xuất của chính mình; chủ tọa quyết định các đề xuất khác.',
  },
  'Only the chair accepts or rejects suggestions, while the text is open.': {
    vi: 'Chỉ chủ tọa chấp nhận hoặc bác bỏ đề xuất, khi văn bản còn mở.',
  },
  'Only the chair undoes a decision on suggestions, while the text is open.': {
    vi: 'Chỉ chủ tọa hoàn tác một quyết định về đề xuất, khi văn bản còn mở.',
  },
  'There is no decision to undo.': { vi: 'Không có quyết định nào để hoàn tác.' },
  'A decision can be undone for {minutes} minutes; this one is older.': {
    vi: 'Một quyết định chỉ có thể hoàn tác trong {minutes} phút; quyết định này đã cũ hơn.',
  },
  'This decision can no longer be undone: the document was reloaded since. Decide again instead.': {
    vi: 'Quyết định này không còn hoàn tác được: văn kiện đã được tải lại từ đó. Hãy quyết định lại.',
  },
  'Withdraw suggestions one at a time.': { vi: 'Hãy rút từng đề xuất một.' },
  '{what} is held by {delegations}: add ?delegation=… to choose.': {
    vi: '{what} thuộc về {delegations}: thêm ?delegation=… để chọn.',
  },
  'a {kind} mark must name your own delegation and participant': {
    vi: 'dấu {kind} phải ghi tên đoàn và đại biểu của chính bạn',
  },
  'new text must be a suggestion: an insertion mark naming your delegation': {
    vi: 'văn bản mới phải là một đề xuất: một dấu chèn ghi tên đoàn của bạn',
  },
  'text can only be proposed for deletion (a deletion mark), not deleted': {
    vi: 'văn bản chỉ có thể được đề xuất xóa (một dấu xóa), không được xóa trực tiếp',
  },
  'formatting ({key}) can only change by suggestion': {
    vi: 'định dạng ({key}) chỉ thay đổi được qua đề xuất',
  },
  "only the chair decides another delegation's suggestion": {
    vi: 'chỉ chủ tọa quyết định đề xuất của đoàn khác',
  },
  'only the chair accepts a suggestion': { vi: 'chỉ chủ tọa chấp nhận một đề xuất' },
  'a {kind} mark cannot be added to or changed on existing text': {
    vi: 'không thể thêm hoặc thay đổi dấu {kind} trên văn bản đã có',
  },
  insertion: { vi: 'chèn' },
  deletion: { vi: 'xóa' },
  'read-only: this participant may not change the text': {
    vi: 'chỉ đọc: đại biểu này không được thay đổi văn bản',
  },
  'the update could not be applied': { vi: 'không thể áp dụng cập nhật' },
  'the update depends on changes the server does not have; resync': {
    vi: 'cập nhật phụ thuộc vào các thay đổi máy chủ không có; đồng bộ lại',
  },
  // Paragraphs, brackets, threads.
  'Only the chair sets paragraph status, while the text is open.': {
    vi: 'Chỉ chủ tọa đặt trạng thái đoạn văn, khi văn bản còn mở.',
  },
  'The paragraph is already {status}.': { vi: 'Đoạn văn đã ở trạng thái {status}.' },
  'A {role} cannot bracket text in {stage}.': {
    vi: 'Vai trò {role} không thể đặt ngoặc vuông ở giai đoạn {stage}.',
  },
  'Only the chair removes brackets or picks an alternative.': {
    vi: 'Chỉ chủ tọa bỏ ngoặc vuông hoặc chọn một phương án.',
  },
  'This bracket holds alternatives: pick one.': { vi: 'Ngoặc vuông này có các phương án: hãy chọn một.' },
  'There is no Alt {alt} in this bracket.': { vi: 'Không có phương án {alt} trong ngoặc vuông này.' },
  'The range is not in the text.': { vi: 'Phạm vi không nằm trong văn bản.' },
  'The range is not in the text (unknown paragraph).': {
    vi: 'Phạm vi không nằm trong văn bản (đoạn không xác định).',
  },
  'The range is empty or outside the paragraph.': { vi: 'Phạm vi trống hoặc nằm ngoài đoạn văn.' },
  'Your delegation already backs it.': { vi: 'Đoàn của bạn đã ủng hộ phương án này.' },
  'Observers follow the text; this conference does not let them comment.': {
    vi: 'Quan sát viên theo dõi văn bản; hội nghị này không cho phép họ bình luận.',
  },
  'A {role} cannot comment once the text is {stage}.': {
    vi: 'Vai trò {role} không thể bình luận khi văn bản đã ở giai đoạn {stage}.',
  },
  'There is no such message.': { vi: 'Không có tin nhắn này.' },
  'Only its author edits or deletes a message.': { vi: 'Chỉ tác giả mới sửa hoặc xóa tin nhắn.' },
  'Only the chair resolves and reopens threads.': { vi: 'Chỉ chủ tọa giải quyết và mở lại chuỗi thảo luận.' },
  'The thread is already {status}.': { vi: 'Chuỗi thảo luận đã ở trạng thái {status}.' },
  'Only the chair defers threads.': { vi: 'Chỉ chủ tọa hoãn chuỗi thảo luận.' },
  'Only an open thread is deferred.': { vi: 'Chỉ chuỗi thảo luận còn mở mới được hoãn.' },
  'The thread is already deferred.': { vi: 'Chuỗi thảo luận đã được hoãn.' },
  'The thread is not deferred.': { vi: 'Chuỗi thảo luận chưa được hoãn.' },
  '"text" must be 1 to {max} characters of plain text.': {
    vi: '"text" phải có từ 1 đến {max} ký tự văn bản thuần.',
  },
  'The text changed under the selection; select it again.': {
    vi: 'Văn bản đã thay đổi tại vùng chọn; hãy chọn lại.',
  },
  // Revisions and drafts.
  'Your delegation has not recorded a position yet.': { vi: 'Đoàn của bạn chưa ghi nhận lập trường.' },
  'The text of your last position was not kept as a revision.': {
    vi: 'Văn bản của lập trường gần nhất của bạn không được lưu thành bản sửa đổi.',
  },
  '"from" must name a published revision (its number) or be "position".': {
    vi: '"from" phải chỉ một bản sửa đổi đã công bố (số của nó) hoặc là "position".',
  },
  '"to" must name a published revision or be "live".': {
    vi: '"to" phải chỉ một bản sửa đổi đã công bố hoặc là "live".',
  },
  'The text is the same as {revision}, published {at}: nothing to publish.': {
    vi: 'Văn bản giống hệt {revision}, công bố lúc {at}: không có gì để công bố.',
  },
  'Send Markdown (text/markdown) or Word ({type}).': {
    vi: 'Hãy gửi Markdown (text/markdown) hoặc Word ({type}).',
  },
  'This is not a Word document Accord can read.': { vi: 'Đây không phải tài liệu Word mà Accord đọc được.' },
  'This Word document unzips to {bytes} bytes; at most {limit} are accepted.': {
    vi: 'Tài liệu Word này giải nén ra {bytes} byte; chỉ chấp nhận tối đa {limit}.',
  },
  // Consensus, silence, signatures.
  'The document has no conference.': { vi: 'Văn kiện không thuộc hội nghị nào.' },
  '"deadline" must be a time in {zone} written YYYY-MM-DDTHH:mm (seconds optional).': {
    vi: '"deadline" phải là thời điểm theo múi giờ {zone}, viết YYYY-MM-DDTHH:mm (giây không bắt buộc).',
  },
  'Only the chair sets a silence deadline, during the consensus call.': {
    vi: 'Chỉ chủ tọa đặt thời hạn im lặng, trong giai đoạn kêu gọi đồng thuận.',
  },
  'The deadline must be in the future.': { vi: 'Thời hạn phải ở tương lai.' },
  'The silence has already passed: consensus holds.': { vi: 'Thời hạn im lặng đã qua: đồng thuận được giữ.' },
  '{count} delegation(s) object; silence cannot pass over an objection on record.': {
    vi: '{count} đoàn phản đối; thủ tục im lặng không thể bỏ qua một phản đối đã ghi nhận.',
  },
  'The silence procedure ended at {at} with no objection: consensus holds.': {
    vi: 'Thủ tục im lặng đã kết thúc lúc {at} mà không có phản đối: đồng thuận được giữ.',
  },
  "Only a delegation's head records its position, during the consensus call.": {
    vi: 'Chỉ trưởng đoàn ghi nhận lập trường của đoàn, trong giai đoạn kêu gọi đồng thuận.',
  },
  'An objection needs its reason.': { vi: 'Một phản đối cần nêu lý do.' },
  'A reservation needs its statement.': { vi: 'Một bảo lưu cần có tuyên bố.' },
  'A reservation names the paragraphs it concerns.': { vi: 'Một bảo lưu phải nêu các đoạn liên quan.' },
  'There is no paragraph "{paragraph}" in the text.': { vi: 'Không có đoạn "{paragraph}" trong văn bản.' },
  "A delegation's head signs the adopted text.": { vi: 'Trưởng đoàn ký văn bản đã thông qua.' },
  'There is no adopted text to sign.': { vi: 'Không có văn bản đã thông qua để ký.' },
  'Your delegation joined after the text was adopted: it endorses the text instead of signing it.': {
    vi: 'Đoàn của bạn tham gia sau khi văn bản được thông qua: đoàn tán thành văn bản thay vì ký.',
  },
  'Your delegation has already signed.': { vi: 'Đoàn của bạn đã ký.' },
  "A delegation's head endorses the text, once it has been adopted.": {
    vi: 'Trưởng đoàn tán thành văn bản, sau khi văn bản đã được thông qua.',
  },
  'There is no adopted text to endorse.': { vi: 'Không có văn bản đã thông qua để tán thành.' },
  'Your delegation took part in adopting the text: it signs it rather than endorsing it.': {
    vi: 'Đoàn của bạn đã tham gia thông qua văn bản: đoàn ký thay vì tán thành.',
  },
  'Your delegation has already endorsed the text.': { vi: 'Đoàn của bạn đã tán thành văn bản.' },
  // The conference, its roster and exports.
  'Another delegation is named {name}.': { vi: 'Đã có một đoàn khác tên {name}.' },
  '"endsOn": the conference ends before it starts': { vi: '"endsOn": hội nghị kết thúc trước khi bắt đầu' },
  'format is csv or xlsx.': { vi: 'định dạng là csv hoặc xlsx.' },
  'format is json, csv or pdf.': { vi: 'định dạng là json, csv hoặc pdf.' },
  'The file has no rows.': { vi: 'Tệp không có dòng nào.' },
  'The first row must name the columns; missing: {missing} (expected {expected}).': {
    vi: 'Dòng đầu tiên phải ghi tên các cột; còn thiếu: {missing} (cần có {expected}).',
  },
  'The file has {count} participants; at most {max} can be imported at once.': {
    vi: 'Tệp có {count} đại biểu; mỗi lần chỉ nhập được tối đa {max}.',
  },
  '{column} "{text}" starts with {character}, as a spreadsheet formula does; write it without.': {
    vi: '{column} "{text}" bắt đầu bằng {character}, như một công thức bảng tính; hãy viết không có ký tự đó.',
  },
  '{column} holds a control character.': { vi: '{column} chứa ký tự điều khiển.' },
  '{column} is longer than {max} characters.': { vi: '{column} dài hơn {max} ký tự.' },
  'The delegation is empty.': { vi: 'Tên đoàn đang trống.' },
  'The participant name is empty.': { vi: 'Tên đại biểu đang trống.' },
  'The e-mail "{email}" is not an address.': { vi: 'Thư điện tử "{email}" không phải là một địa chỉ.' },
  '{what} appears {count} times (rows {rows}).': { vi: '{what} xuất hiện {count} lần (các dòng {rows}).' },
  "{email} is already {name}'s e-mail, in another delegation; a participant cannot move delegation by import.":
    {
      vi: '{email} đã là thư điện tử của {name}, ở một đoàn khác; không thể chuyển đoàn cho đại biểu bằng cách nhập tệp.',
    },
  '{delegation}: observers form a delegation of their own: every participant of it has the role observer.': {
    vi: '{delegation}: quan sát viên lập một đoàn riêng: mọi đại biểu của đoàn có vai trò quan sát viên.',
  },
  '{delegation} is a {kind} delegation; these roles would make it {other}.': {
    vi: '{delegation} là đoàn loại {kind}; các vai trò này sẽ biến nó thành loại {other}.',
  },
  '{delegation} has no head of delegation (a member delegation needs one to record its positions and sign).':
    {
      vi: '{delegation} chưa có trưởng đoàn (đoàn thành viên cần một trưởng đoàn để ghi nhận lập trường và ký).',
    },
  // Reading files people send.
  'The file is {size} MB; a roster file can be at most {max} MB.': {
    vi: 'Tệp có dung lượng {size} MB; tệp danh sách đại biểu tối đa {max} MB.',
  },
  'The file is empty.': { vi: 'Tệp trống.' },
  'The Excel file cannot be read (it is not a complete .xlsx).': {
    vi: 'Không đọc được tệp Excel (đây không phải một tệp .xlsx hoàn chỉnh).',
  },
  'This is not a Word document Accord can read ({reason}).': {
    vi: 'Đây không phải tài liệu Word mà Accord đọc được ({reason}).',
  },
  'This draft could not be read ({reason}).': { vi: 'Không đọc được dự thảo này ({reason}).' },
  'This draft could not be read (the reader stopped with {code}).': {
    vi: 'Không đọc được dự thảo này (trình đọc dừng với mã {code}).',
  },
  'Reading this draft took longer than {seconds} s; nothing was imported.': {
    vi: 'Việc đọc dự thảo này mất hơn {seconds} giây; không có gì được nhập.',
  },
  'Reading this draft needs more than {mb} MB; nothing was imported.': {
    vi: 'Việc đọc dự thảo này cần hơn {mb} MB; không có gì được nhập.',
  },
  'The embedded font cannot draw {characters}.': { vi: 'Phông chữ nhúng không vẽ được {characters}.' },
  '{what} was not found.': { vi: 'Không tìm thấy: {what}.' },
  secretariat: { vi: 'ban thư ký' },
  chair: { vi: 'chủ tọa' },
  head: { vi: 'trưởng đoàn' },
  drafter: { vi: 'người soạn thảo' },
  observer: { vi: 'quan sát viên' },
  '{count} problems in the file; nothing was imported.': {
    vi: '{count} vấn đề trong tệp; không có gì được nhập.',
  },
  'The CSV file cannot be read: {reason}': { vi: 'Không đọc được tệp CSV: {reason}' },
  'The Excel file cannot be read ({reason}).': { vi: 'Không đọc được tệp Excel ({reason}).' },
  'The Excel file unzips to {size} MB; a roster can unzip to at most {max} MB.': {
    vi: 'Tệp Excel giải nén ra {size} MB; danh sách đại biểu chỉ được giải nén tối đa {max} MB.',
  },
  'This is not a CSV or Excel file.': { vi: 'Đây không phải tệp CSV hay Excel.' },
  'must be a non-empty range of characters': { vi: 'phải là một dải ký tự không rỗng' },
  'a title in the host language needs its language, and the other way round': {
    vi: 'tiêu đề bằng ngôn ngữ nước chủ nhà cần có ngôn ngữ của nó, và ngược lại',
  },
  'the conference ends before it starts': { vi: 'hội nghị kết thúc trước khi bắt đầu' },
  // The socket's close reasons (what the "Not accepted" panel shows beside the words kept).
  '{what}{where} is not in the document format: {problem}': {
    vi: '{what}{where} không đúng định dạng văn kiện: {problem}',
  },
  '"{key}" is not a mark of the document format': {
    vi: '"{key}" không phải là một dấu của định dạng văn kiện',
  },
  '"{node}" is not a node of the document format': {
    vi: '"{node}" không phải là một nút của định dạng văn kiện',
  },
  'a paragraph can only be proposed for deletion in your own name, or your proposal withdrawn': {
    vi: 'một đoạn chỉ có thể được đề xuất xóa dưới tên của chính bạn, hoặc rút lại đề xuất của bạn',
  },
  'brackets are set by the server, through the API': { vi: 'ngoặc vuông do máy chủ đặt, qua API' },
  'client id {client} belongs to another participant': { vi: 'mã máy khách {client} thuộc về đại biểu khác' },
  'client id {client} is not yours to write under': { vi: 'bạn không được ghi dưới mã máy khách {client}' },
  'document could not be loaded; try again later': { vi: 'không tải được văn kiện; hãy thử lại sau' },
  'document reloading; reconnect': { vi: 'văn kiện đang tải lại; hãy kết nối lại' },
  'malformed message': { vi: 'tin nhắn sai định dạng' },
  'only text can be suggested inside a paragraph': { vi: 'chỉ có thể đề xuất văn bản bên trong một đoạn' },
  "only the chair changes a paragraph's {attribute}, through the server": {
    vi: 'chỉ chủ tọa thay đổi {attribute} của đoạn văn, qua máy chủ',
  },
  'only the server writes "{root}"': { vi: 'chỉ máy chủ ghi "{root}"' },
  'paragraph attributes can only be changed by the chair or secretariat in draft': {
    vi: 'thuộc tính của đoạn văn chỉ được chủ tọa hoặc ban thư ký thay đổi khi còn là dự thảo',
  },
  'paragraphs can only be added as your own proposal, or removed when they are your proposal': {
    vi: 'chỉ có thể thêm đoạn như đề xuất của chính bạn, hoặc xóa khi đó là đề xuất của bạn',
  },
  'suggestion id "{id}" belongs to another participant': { vi: 'mã đề xuất "{id}" thuộc về đại biểu khác' },
  'text frames are not part of the protocol': { vi: 'khung văn bản không thuộc giao thức' },
  'the update depends on changes the server does not have': {
    vi: 'cập nhật phụ thuộc vào các thay đổi máy chủ không có',
  },
  'too many messages; slow down': { vi: 'quá nhiều tin nhắn; hãy chậm lại' },
  'unknown message type {type}': { vi: 'loại tin nhắn không xác định {type}' },
  'unknown sync step {step}': { vi: 'bước đồng bộ không xác định {step}' },
  // Passkeys: a head's own key.
  'You have no passkey registered.': { vi: 'Bạn chưa đăng ký khóa truy cập (passkey) nào.' },
  'This statement was not issued to you for this document.': {
    vi: 'Tuyên bố này không được cấp cho bạn đối với văn kiện này.',
  },
  'This statement is too old to sign: ask for a new one.': {
    vi: 'Tuyên bố này đã quá cũ để ký: hãy yêu cầu một tuyên bố mới.',
  },
  'The statement names another text than the adopted one.': {
    vi: 'Tuyên bố nêu một văn bản khác với văn bản đã thông qua.',
  },
  'This passkey is not registered for you.': { vi: 'Khóa truy cập này không được đăng ký cho bạn.' },
  'The passkey could not be verified.': { vi: 'Không xác minh được khóa truy cập.' },
  'The passkey could not be verified: {reason}': { vi: 'Không xác minh được khóa truy cập: {reason}' },
  'The passkey signature could not be verified.': { vi: 'Không xác minh được chữ ký bằng khóa truy cập.' },
  'The passkey signature could not be verified: {reason}': {
    vi: 'Không xác minh được chữ ký bằng khóa truy cập: {reason}',
  },
  'This passkey is registered already.': { vi: 'Khóa truy cập này đã được đăng ký.' },
  'Passkeys are for the heads of delegation, who sign the adopted text.': {
    vi: 'Khóa truy cập dành cho trưởng đoàn, người ký văn bản đã thông qua.',
  },
  'The chair, or the secretariat, moves the floor, while the text is discussed.': {
    vi: 'Chủ tọa, hoặc ban thư ký, điều hành việc đưa đoạn ra thảo luận, khi văn bản đang được thảo luận.',
  },
  'A delegation asks for the floor while the text is discussed.': {
    vi: 'Một đoàn xin phát biểu khi văn bản đang được thảo luận.',
  },
  'The chair, or the secretariat, gives the floor, while the text is discussed.': {
    vi: 'Chủ tọa, hoặc ban thư ký, trao quyền phát biểu, khi văn bản đang được thảo luận.',
  },
  'Your delegation has already raised a point of order.': {
    vi: 'Đoàn của bạn đã nêu một vấn đề thủ tục.',
  },
  'Your delegation is already on the speakers’ list.': {
    vi: 'Đoàn của bạn đã có trong danh sách phát biểu.',
  },
  'That request is not on the speakers’ list.': {
    vi: 'Yêu cầu này không có trong danh sách phát biểu.',
  },
  'Only its own delegation withdraws a request for the floor.': {
    vi: 'Chỉ chính đoàn đó mới rút được yêu cầu phát biểu của mình.',
  },
  'A speaking time is between 1 and {max} seconds.': {
    vi: 'Thời gian phát biểu từ 1 đến {max} giây.',
  },
  'No one is on the speakers’ list.': { vi: 'Danh sách phát biểu đang trống.' },
  'No one holds the floor.': { vi: 'Hiện không ai đang phát biểu.' },
  'A delegation supports a proposal while proposals are made and decided.': {
    vi: 'Một đoàn ủng hộ một đề xuất khi các đề xuất đang được đưa ra và quyết định.',
  },
  'A delegation does not support its own proposal.': { vi: 'Một đoàn không ủng hộ đề xuất của chính mình.' },
  'Your delegation supports this proposal already.': { vi: 'Đoàn của bạn đã ủng hộ đề xuất này.' },
  'Your delegation does not support this proposal.': { vi: 'Đoàn của bạn không ủng hộ đề xuất này.' },
  'The pending proposal was not found.': { vi: 'Không tìm thấy đề xuất đang chờ.' },
} as const satisfies Record<string, Translations>

export type ServerMessage = keyof typeof SERVER_MESSAGES

/** Each entry with a `{placeholder}`, as a pattern over the English sentence; the longest fixed words first. */
const PATTERNS = Object.keys(SERVER_MESSAGES)
  .filter((english) => english.includes('{'))
  .sort((a, b) => b.replace(/\{\w+\}/g, '').length - a.replace(/\{\w+\}/g, '').length)
  .map((english) => {
    const names: string[] = []
    const source = english
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1]
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        names.push(name)
        return '(.+?)'
      })
      .join('')
    return { english: english as ServerMessage, names, pattern: new RegExp(`^${source}$`, 's') }
  })

/**
 * `text`, an English message of the server, in `language`: its entry's translation with the facts carried over;
 * the text itself when the catalogue has no entry for it (a name, a validation detail, a future message).
 */
export function inLanguage(language: Language, text: string): string {
  if (language === 'en') return text
  const exact = (SERVER_MESSAGES as Record<string, Translations>)[text]
  if (exact) return exact[language]
  for (const { english, names, pattern } of PATTERNS) {
    const match = pattern.exec(text)
    if (!match) continue
    const params = new Map(names.map((name, i) => [name, match[i + 1]!]))
    return SERVER_MESSAGES[english][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params.has(name) ? part(language, params.get(name)!) : whole,
    )
  }
  return text
}

/** A fact carried into a translation: translated itself when the catalogue knows it, item by item in a list. */
function part(language: Language, text: string): string {
  const known = (SERVER_MESSAGES as Record<string, Translations>)[text]
  if (known) return known[language as Exclude<Language, 'en'>]
  if (!text.includes(', ')) return inLanguage(language, text)
  return text
    .split(', ')
    .map((item) => inLanguage(language, item))
    .join(', ')
}
