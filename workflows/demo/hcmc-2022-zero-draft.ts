/**
 * @module The zero draft of the demo conference's closing statement, written for Accord from the facts
 * of the event (not taken from any published text). Paragraph ids are fixed so that tests and links
 * can name them.
 */
import type { DeclarationSpec } from '../document/build.js'

export const HCMC_2022_ZERO_DRAFT: DeclarationSpec = {
  titles: [
    { lang: 'en', text: 'Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022' },
    { lang: 'vi', text: 'Tuyên bố chung của Đối thoại Hữu nghị Thành phố Hồ Chí Minh năm 2022' },
  ],
  paragraphs: [
    {
      id: 'pp-gathered',
      kind: 'preambular',
      lead: 'Having gathered',
      text: 'in Ho Chi Minh City from 2 to 5 December 2022 for the first Friendship Dialogue, under the theme "Adapting to recover, creating development", with the host city and twenty-four partner localities from twelve countries,',
    },
    {
      id: 'pp-recovery',
      kind: 'preambular',
      lead: 'Conscious',
      text: 'that this Dialogue takes place in the first year of recovery after the COVID-19 pandemic, and that our cities and provinces must now rebuild their economies and the daily lives of their people at the same time,',
    },
    {
      id: 'pp-vuca',
      kind: 'preambular',
      lead: 'Recognising',
      text: 'that local governments act in a volatile, uncertain, complex and ambiguous world, and that sustainable development is a goal we share and can only reach together,',
    },
    {
      id: 'pp-solidarity',
      kind: 'preambular',
      lead: 'Recalling with gratitude',
      text: 'the masks, test kits, medical equipment and medicines that partners in Laos, Cambodia, the Republic of Korea, China, Germany and the Russian Federation sent to Ho Chi Minh City when the pandemic was at its worst,',
    },
    {
      id: 'pp-cooperation',
      kind: 'preambular',
      lead: 'Noting',
      text: 'the cooperation already under way, including scholarships for officials and students from Vientiane, Champasak and Savannakhet, a low-carbon environmental programme with Osaka, and joint work with Rotterdam on climate adaptation and flood management that seeks to live with water rather than fight it,',
    },
    {
      id: 'pp-culture',
      kind: 'preambular',
      lead: 'Valuing',
      text: "the cultural exchanges that brought our peoples closer, among them the 2018 commemoration in Saint Petersburg of the ninetieth anniversary of Ho Chi Minh's arrival in Russia, the Viet Nam Culture Festival in Aichi in 2018, and the Gyeongju World Culture Expo held in 2017 together with Gyeongsangbuk-do,",
    },
    {
      id: 'op-friendship',
      kind: 'operative',
      lead: 'Agree',
      text: 'to strengthen friendship and comprehensive cooperation among our localities on the basis of mutual respect and mutual understanding;',
    },
    {
      id: 'op-foundations',
      kind: 'operative',
      lead: 'Resolve',
      text: 'to consolidate the foundations of a sustainable partnership that outlasts changes of office and serves the long-term interests of our residents;',
    },
    {
      id: 'op-bridge',
      kind: 'operative',
      lead: 'Welcome',
      text: 'the wish of Ho Chi Minh City to act as a bridge that links its partners with one another, and invite partners to use this Dialogue to start cooperation among themselves;',
    },
    {
      id: 'op-economy',
      kind: 'operative',
      lead: 'Commit',
      text: 'to expand trade and investment between our localities, to help our enterprises find partners, and to share experience in restoring supply chains disrupted by the pandemic;',
    },
    {
      id: 'op-health',
      kind: 'operative',
      lead: 'Decide',
      text: 'to continue cooperation in public health, including the exchange of medical expertise, and to stand ready to assist one another again in any future health emergency;',
    },
    {
      id: 'op-climate',
      kind: 'operative',
      lead: 'Pledge',
      text: 'to work together on environmental protection, low-carbon development and adaptation to climate change, in particular on flood management in low-lying and coastal cities;',
    },
    {
      id: 'op-urban',
      kind: 'operative',
      lead: 'Encourage',
      text: 'the exchange of experience in urban management, science and technology, and digital transformation of public services;',
    },
    {
      id: 'op-training',
      kind: 'operative',
      lead: 'Support',
      text: 'the training of human resources through scholarships, study visits and exchanges of officials, students and researchers;',
    },
    {
      id: 'op-culture',
      kind: 'operative',
      lead: 'Undertake',
      text: "to multiply cultural, sporting and people-to-people exchanges, and to welcome festivals and cultural weeks of partner localities in one another's cities;",
    },
    {
      id: 'op-initiatives',
      kind: 'operative',
      lead: 'Invite',
      text: 'each locality to propose and carry out concrete initiatives that increase exchanges and bring our peoples closer, and to report on them at the next Dialogue;',
    },
    {
      id: 'op-forum',
      kind: 'operative',
      lead: 'Take note',
      text: 'of the proposal to develop this Dialogue into a world friendship forum of localities, and request the host city to consult partners on its form and timing;',
    },
    {
      id: 'op-thanks',
      kind: 'operative',
      lead: 'Express',
      text: 'their appreciation to the people and the authorities of Ho Chi Minh City for hosting the Dialogue and for their warm hospitality.',
    },
  ],
}
