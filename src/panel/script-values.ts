import type { ExtractedFields } from '../detection/detect-referral';
import type { PanelConfig } from '../panel-config/schema';
import { firstName, type ScriptValues } from '../panel-config/scripts';

/** What a script may say, from the referral as read (and corrected) and the organisation. */
export function scriptValues(
  fields: ExtractedFields,
  organization: PanelConfig['organization'],
): ScriptValues {
  return {
    patientFirstName: firstName(fields.patientName),
    specialty: fields.specialty,
    receivingOffice: fields.receivingOrganization ?? fields.receivingProvider,
    practiceName: organization.name,
    practicePhone: organization.phone,
    referringProvider: fields.referringProvider,
    orderNumber: fields.orderNumber,
    recordsAttached: fields.recordsAttached,
  };
}
