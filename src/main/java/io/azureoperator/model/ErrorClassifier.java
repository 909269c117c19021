package io.azureoperator.model;

import java.util.Set;

/**
 * Decides whether an ARM error is worth retrying. Known codes come from an explicit table (after
 * ASO's error_classifier.go); unknown codes fall back on the HTTP status: 400 is fatal, anything
 * else is retryable. Fatal errors are not retried until the resource's spec changes.
 */
public final class ErrorClassifier {

    /** Codes that describe a transient state of Azure or of the resource's neighbours. */
    static final Set<String> RETRYABLE = Set.of(
            "AnotherOperationInProgress", "AuthorizationFailed", "AllocationFailed", "Conflict",
            "FailedIdentityOperation", "InvalidResourceReference", "InvalidSubscriptionRegistrationState",
            "LinkedAuthorizationFailed", "MissingRegistrationForLocation", "MissingSubscriptionRegistration",
            "NoRegisteredProviderFound", "NotFound", "ParentResourceNotFound", "PrincipalNotFound",
            "ResourceGroupNotFound", "ResourceNotFound", "ResourceQuotaExceeded", "SubscriptionNotRegistered",
            "ScopeLocked", "SubscriptionRequestsThrottled", "TooManyRequests", "InternalServerError",
            "ServiceUnavailable", "GatewayTimeout", "RequestFailed", "InvalidAuthenticationToken",
            "AuthenticationFailed", "ExpiredAuthenticationToken");

    /** Codes that say the request itself is wrong; sending it again cannot help. */
    static final Set<String> FATAL = Set.of(
            "BadRequestFormat", "BadRequest", "PublicIpForGatewayIsRequired", "InvalidParameter",
            "InvalidParameterValue", "InvalidResourceGroupLocation", "InvalidResourceType", "InvalidRequestContent",
            "InvalidTemplate", "InvalidValuesForRequestParameters", "InvalidGatewaySkuProvidedForGatewayVpnType",
            "InvalidGatewaySize", "LocationRequired", "MethodNotAllowed", "MissingRequiredParameter",
            "PasswordTooLong", "PrivateIPAddressInReservedRange", "PrivateIPAddressNotInSubnet",
            "PropertyChangeNotAllowed", "RegionIsOfferRestricted", "RequestDisallowedByPolicy",
            "ReservedResourceName", "SkuNotAvailable", "SubscriptionNotFound", "AccountNameInvalid",
            "InvalidResourceGroup", "MissingApiVersionParameter", "InvalidApiVersionParameter");

    private ErrorClassifier() {
    }

    public static boolean isFatal(CloudError error) {
        if (RETRYABLE.contains(error.code())) {
            return false;
        }
        if (FATAL.contains(error.code())) {
            return true;
        }
        return error.httpStatus() == 400;
    }
}
